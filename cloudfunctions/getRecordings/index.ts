import cloud from 'wx-server-sdk';
import { cloudFunction } from '../../pipeline/function-handler';
import { getRecordings } from '../../pipeline';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

export const main = cloudFunction('getRecordings', cloud, (event, openid) =>
  getRecordings(cloud, openid, event),
);
