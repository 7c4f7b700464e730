import cloud from 'wx-server-sdk';
import { cloudFunction } from '../../pipeline/function-handler';
import { purgeFromTimer } from '../../pipeline';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

// Fired by the timer trigger in config.json; the event ({Type: 'Timer', TriggerName, Time}) carries nothing we need.
export const main = cloudFunction('purgeRecordings', cloud, (_event, openid) =>
  purgeFromTimer(cloud, openid),
);
