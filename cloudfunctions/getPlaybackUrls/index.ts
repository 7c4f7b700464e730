import cloud from 'wx-server-sdk';
import { cloudFunction } from '../../pipeline/function-handler';
import { getPlaybackUrls } from '../../pipeline';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

export const main = cloudFunction('getPlaybackUrls', cloud, (event, openid) =>
  getPlaybackUrls(cloud, openid, event),
);
