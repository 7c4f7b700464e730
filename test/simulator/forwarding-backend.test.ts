import { ForwardingBackend, type CloudBackend } from '../../simulator';

/** A backend that answers each method with its own name and the backend's label, and records the args. */
function labelled(label: string, calls: string[]): CloudBackend {
  const answer = <T>(method: string, args: unknown): Promise<T> => {
    calls.push(`${label}.${method} ${JSON.stringify(args)}`);
    return Promise.resolve({ label, method } as T);
  };
  return {
    uploadFile: (args) => answer('uploadFile', { cloudPath: args.cloudPath }),
    callFunction: (args) => answer('callFunction', { name: args.name }),
    getTempFileURL: (args) => answer('getTempFileURL', args),
    downloadFile: (args) => answer('downloadFile', args),
    deleteFile: (args) => answer('deleteFile', args),
  };
}

class CountingCalls extends ForwardingBackend {
  counted = 0;

  override callFunction(args: Parameters<CloudBackend['callFunction']>[0]) {
    this.counted += 1;
    return super.callFunction(args);
  }
}

test('a backend that overrides one method hands every other call, with its arguments, to the current inner backend', async () => {
  const calls: string[] = [];
  let inner = labelled('first', calls);
  const backend = new CountingCalls(() => inner);
  const openid = 'student-1';

  await backend.uploadFile({ cloudPath: 'a.wav', data: Buffer.from('x'), openid });
  await backend.callFunction({ name: 'ingestSegment', data: {}, openid });
  // The inner backend is asked at every call: an emulator restarted on a new port is reached at once.
  inner = labelled('second', calls);
  await expect(backend.getTempFileURL({ fileList: ['f1'], openid })).resolves.toEqual({
    label: 'second',
    method: 'getTempFileURL',
  });
  await backend.downloadFile({ fileID: 'f1', openid });
  await backend.deleteFile({ fileList: ['f1'], openid });

  expect(calls).toEqual([
    'first.uploadFile {"cloudPath":"a.wav"}',
    'first.callFunction {"name":"ingestSegment"}',
    'second.getTempFileURL {"fileList":["f1"],"openid":"student-1"}',
    'second.downloadFile {"fileID":"f1","openid":"student-1"}',
    'second.deleteFile {"fileList":["f1"],"openid":"student-1"}',
  ]);
  expect(backend.counted).toBe(1);
});
