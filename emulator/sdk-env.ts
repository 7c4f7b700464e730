/**
 * The environment that points UNMODIFIED wx-server-sdk and @cloudbase/node-sdk at an emulator, each
 * variable with the reason it is needed (checked against the SDK sources in node_modules).
 */
export interface SdkEnvVariable {
  name: string;
  value: string;
  reason: string;
}

/** Dummy credentials: the SDK signs every request and refuses to send one without a key pair. */
export const DUMMY_SECRET_ID = 'emulator-secret-id';
export const DUMMY_SECRET_KEY = 'emulator-secret-key';

export function sdkEnvVariables(url: string, envId: string): SdkEnvVariable[] {
  return [
    {
      name: 'TCB_CONTEXT_CNFG',
      value: JSON.stringify({ URL: `${url}/admin` }),
      reason:
        'node-sdk getServerInjectUrl(): its "URL" replaces https://tcb-api.tencentcloudapi.com/admin for every call',
    },
    {
      name: 'TENCENTCLOUD',
      value: 'true',
      reason:
        'checkIsInTencentCloud(): skips the metadata-server lookup that otherwise delays each request ~5 s offline',
    },
    {
      name: 'TENCENTCLOUD_SECRETID',
      value: DUMMY_SECRET_ID,
      reason:
        'getCredentialsOnDemand(): without a key pair every call rejects with "missing secretId or secretKey"',
    },
    {
      name: 'TENCENTCLOUD_SECRETKEY',
      value: DUMMY_SECRET_KEY,
      reason: 'the other half of the (unverified) key pair the SDK signs requests with',
    },
    {
      name: 'TCB_ENV',
      value: envId,
      reason:
        'cloud.DYNAMIC_CURRENT_ENV / tcb.SYMBOL_CURRENT_ENV resolve to it, and getWXContext().ENV reports it',
    },
    {
      name: 'SCF_NAMESPACE',
      value: envId,
      reason: 'the fallback the SDKs read when TCB_ENV is absent (the platform sets both)',
    },
  ];
}

export function sdkEnvFor(url: string, envId: string): Record<string, string> {
  return Object.fromEntries(sdkEnvVariables(url, envId).map((v) => [v.name, v.value]));
}
