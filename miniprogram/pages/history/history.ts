import type { RecorderApp } from '../../app';
import { HistoryController, initialHistoryData } from '../../view/history-controller';

type Tap = WechatMiniprogram.BaseEvent<Record<string, never>, { id: string }>;
type CommentTap = WechatMiniprogram.BaseEvent<Record<string, never>, { id: string; at: number | string }>;

Page({
  data: initialHistoryData(),
  controller: undefined as unknown as HistoryController,

  onLoad() {
    this.controller = new HistoryController(getApp<RecorderApp>().core, (patch) => this.setData(patch));
  },
  // Every time the page shows: a recording may have finished, or a teacher may have reviewed one.
  onShow() {
    return this.controller.load();
  },
  onHide() {
    this.controller.stop();
  },
  onRetryLoad() {
    return this.controller.load();
  },
  async onPullDownRefresh() {
    await this.controller.load();
    await wx.stopPullDownRefresh();
  },
  onPlay(e: Tap) {
    return this.controller.play(e.currentTarget.dataset.id);
  },
  // A pinned comment: play the recording from its moment.
  onPlayComment(e: CommentTap) {
    const { id, at } = e.currentTarget.dataset;
    return this.controller.playFrom(id, Number(at));
  },
  onStopPlayback() {
    this.controller.stop();
  },
  // Deleting cannot be undone: ask first, with the destructive button in red.
  async onDelete(e: Tap) {
    const answer = await wx.showModal({ ...this.controller.deleteQuestion(), confirmColor: '#e34d59' });
    if (answer && answer.confirm) await this.controller.remove(e.currentTarget.dataset.id);
  },
});
