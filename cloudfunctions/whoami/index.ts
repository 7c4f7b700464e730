import cloud from 'wx-server-sdk';
import { cloudFunction } from '../../pipeline/function-handler';
import { requireOwnerId } from '../../pipeline/recordings/ownership';
import type { CallerIdentity } from '../../typings/identity';

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });

// The Mini Program builds its upload paths from this; every other function still checks ownership itself.
export const main = cloudFunction('whoami', cloud, async (_event, openid): Promise<CallerIdentity> => ({
  openid: requireOwnerId(openid),
}));
