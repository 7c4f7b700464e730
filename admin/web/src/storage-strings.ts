/** The admin page's strings for deleting, retention and expiry. */
export const STORAGE_STRINGS = {
  'zh-CN': {
    expiresAt: '到期删除',
    keptUntilDeleted: '长期保留',
    retentionDays: '录音保留天数（留空用默认）',
    retentionShort: '保留',
    days: '{n} 天',
    deleteRecording: '删除录音',
    deleteRecordingConfirm: '删除后，这条录音的所有文件、分享链接和批阅都会消失，且无法恢复。',
    deleteAssignment: '删除作业',
    deleteAssignmentConfirm: '将删除这个作业和它的 {n} 条录音（全部文件与分享链接），无法恢复。',
    confirmDelete: '确认删除',
    deleted: '已删除',
  },
  en: {
    expiresAt: 'Deleted on',
    keptUntilDeleted: 'Kept until deleted',
    retentionDays: 'Keep recordings for (days; empty = default)',
    retentionShort: 'Kept',
    days: '{n} days',
    deleteRecording: 'Delete recording',
    deleteRecordingConfirm:
      'Every file, share link and review of this recording will be gone, and it cannot be undone.',
    deleteAssignment: 'Delete assignment',
    deleteAssignmentConfirm:
      'This deletes the assignment and its {n} recording(s) (all files and share links). It cannot be undone.',
    confirmDelete: 'Delete',
    deleted: 'Deleted',
  },
} as const;
