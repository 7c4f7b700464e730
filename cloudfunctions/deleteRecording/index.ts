import cloud from 'wx-server-sdk';
import { cloudFunction } from '../../pipeline/function-handler';
import { deleteOwnRecording } from '../../pipeline';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

export const main = cloudFunction('deleteRecording', cloud, (event, openid) =>
  deleteOwnRecording(cloud, openid, event),
);
