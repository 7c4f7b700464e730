import cloud from 'wx-server-sdk';
import { cloudFunction } from '../../pipeline/function-handler';
import { finalizeRecording } from '../../pipeline';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

export const main = cloudFunction('finalizeRecording', cloud, (event, openid) =>
  finalizeRecording(cloud, openid, event),
);
