/** Server logic shared by cloud functions, the admin server and the browser recorder. */
export { ingestSegment, type IngestOptions } from './recordings/ingest';
export { finalizeRecording } from './recordings/finalize';
export { deleteOwnRecording, deleteRecordingData } from './recordings/delete-recording';
export { purgeFromTimer, purgeRecordings } from './recordings/retention';
export { getRecordings } from './recordings/query';
export { getPlaybackUrls } from './recordings/playback-urls';
export { saveStudentProfile, getStudentProfile, getAssignment } from './profiles';
export { openStores, type CloudHandle, type NodeSdkApp, type WxServerCloud } from './cloud-handle';
