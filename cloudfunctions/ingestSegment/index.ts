import cloud from 'wx-server-sdk';
import { cloudFunction } from '../../pipeline/function-handler';
import { ingestSegment } from '../../pipeline';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

export const main = cloudFunction('ingestSegment', cloud, (event, openid) =>
  ingestSegment(cloud, openid, event),
);
