import cloud from 'wx-server-sdk';
import { cloudFunction } from '../../pipeline/function-handler';
import { saveStudentProfile } from '../../pipeline';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

export const main = cloudFunction('saveStudentProfile', cloud, (event, openid) =>
  saveStudentProfile(cloud, openid, event),
);
