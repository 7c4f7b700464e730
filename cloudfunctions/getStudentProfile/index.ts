import cloud from 'wx-server-sdk';
import { cloudFunction } from '../../pipeline/function-handler';
import { getStudentProfile } from '../../pipeline';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

export const main = cloudFunction('getStudentProfile', cloud, (_event, openid) =>
  getStudentProfile(cloud, openid),
);
