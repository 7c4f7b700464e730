import cloud from 'wx-server-sdk';
import { cloudFunction } from '../../pipeline/function-handler';
import { getAssignment } from '../../pipeline';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

export const main = cloudFunction('getAssignment', cloud, (event, openid) =>
  getAssignment(cloud, openid, event),
);
