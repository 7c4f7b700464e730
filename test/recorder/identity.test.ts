import { launchCore } from './support/core-fixture';
import { ok } from './support/fake-cloud';
import { createFakePlatform } from './support/fake-port';

describe('student identity', () => {
  it('learns the openid from whoami and asks the server only once', async () => {
    const fixture = launchCore();
    await expect(fixture.core.identity.openid()).resolves.toBe('student-openid');
    await fixture.core.identity.openid();
    const relaunched = launchCore(fixture.platform);
    await expect(relaunched.core.identity.openid()).resolves.toBe('student-openid');
    expect(fixture.platform.cloud.callsTo('whoami')).toHaveLength(1);
  });

  it('saves the name and class through saveStudentProfile and remembers them', async () => {
    const fixture = launchCore();
    await expect(fixture.core.identity.profile()).resolves.toBeNull();
    await fixture.core.identity.saveProfile('  李雷 ', '三年二班');
    expect(fixture.platform.cloud.callsTo('saveStudentProfile')).toEqual([
      { name: '李雷', className: '三年二班' },
    ]);
    const relaunched = launchCore(fixture.platform);
    await expect(relaunched.core.identity.profile()).resolves.toEqual({
      name: '李雷',
      className: '三年二班',
    });
  });

  it('refuses an empty name with INVALID_ARGUMENT before calling the server', async () => {
    const fixture = launchCore();
    await expect(fixture.core.identity.saveProfile(' ', '1班')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    expect(fixture.platform.cloud.callsTo('saveStudentProfile')).toEqual([]);
  });

  it('refuses to guess when the server does not say who the student is', async () => {
    const phone = createFakePlatform();
    phone.cloud.handlers.whoami = () => ok({});
    const fixture = launchCore(phone);
    await expect(fixture.core.identity.openid()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
