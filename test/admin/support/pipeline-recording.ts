/** Recordings made through the real pipeline: shared with the screens script, so they live in harness/. */
export {
  newOpenid,
  recordThroughPipeline,
  type StudentRecording,
} from '../../../harness/admin/pipeline-recording';
