import * as fs from 'node:fs';
import { USER_DATA_PATH, USER_FILES_QUOTA_BYTES } from '../../simulator/index';
import { simulatorFactory } from './fixtures/sim-fixture';

const newSimulator = simulatorFactory();

/** A sparse file that takes what is left of the 200 MB quota but `free` bytes (`used` are taken already). */
function fillQuota(sim: ReturnType<typeof newSimulator>, used: number, free: number): void {
  sim.wx.getFileSystemManager().writeFileSync(`${USER_DATA_PATH}/filler.bin`, '');
  fs.truncateSync(sim.realPath(`${USER_DATA_PATH}/filler.bin`), USER_FILES_QUOTA_BYTES - used - free);
}

describe('FileSystemManager descriptors and truncate', () => {
  it('overwrites bytes in place at a position through openSync r+ / writeSync / closeSync', () => {
    const sim = newSimulator();
    const fsm = sim.wx.getFileSystemManager();
    const file = `${USER_DATA_PATH}/a.bin`;
    fsm.writeFileSync(file, 'hello world', 'utf8');
    const fd = fsm.openSync({ filePath: file, flag: 'r+' });
    expect(fsm.writeSync({ fd, data: 'J', position: 0 })).toEqual({ bytesWritten: 1 });
    fsm.closeSync({ fd });
    expect(fsm.readFileSync(file, 'utf8')).toBe('Jello world');
  });

  it('lets a full phone overwrite in place and truncate, but not grow a file', () => {
    const sim = newSimulator();
    const fsm = sim.wx.getFileSystemManager();
    const file = `${USER_DATA_PATH}/b.bin`;
    fsm.writeFileSync(file, 'abcdef', 'utf8');
    fillQuota(sim, 6, 0);
    const fd = fsm.openSync({ filePath: file, flag: 'r+' });
    fsm.writeSync({ fd, data: 'XY', position: 4 });
    expect(() => fsm.writeSync({ fd, data: 'Z', position: 6 })).toThrow(
      'writeSync:fail the maximum size of the file storage limit is exceeded',
    );
    fsm.closeSync({ fd });
    fsm.truncateSync({ filePath: file, length: 5 });
    expect(fsm.readFileSync(file, 'utf8')).toBe('abcdX');
  });

  it('answers with the documented errors for a closed descriptor and a missing file', () => {
    const fsm = newSimulator().wx.getFileSystemManager();
    const fd = fsm.openSync({ filePath: `${USER_DATA_PATH}/c.bin`, flag: 'w' });
    fsm.closeSync({ fd });
    expect(() => fsm.writeSync({ fd, data: 'x' })).toThrow('writeSync:fail bad file descriptor');
    expect(() => fsm.openSync({ filePath: `${USER_DATA_PATH}/none.bin`, flag: 'r+' })).toThrow(
      /openSync:fail no such file or directory/,
    );
  });
});
