import type { RecorderApp } from '../../app';
import { initialRecordData } from '../../view/record-data';
import { RecordController } from '../../view/record-controller';

type Tap = WechatMiniprogram.BaseEvent<Record<string, never>, { seq: number }>;
type Input = WechatMiniprogram.Input;

// Thin on purpose: every decision lives in RecordController, which tests drive directly.
Page({
  data: initialRecordData(),
  controller: undefined as unknown as RecordController,
  profileName: '',
  profileClass: '',

  onLoad(query: Record<string, string | undefined>) {
    this.controller = new RecordController(getApp<RecorderApp>().core, (patch) => this.setData(patch));
    void this.controller.load(query.assignment);
  },
  onUnload() {
    this.controller.dispose();
  },
  onNameInput(e: Input) {
    this.profileName = e.detail.value;
  },
  onClassInput(e: Input) {
    this.profileClass = e.detail.value;
  },
  onSaveProfile() {
    return this.controller.saveProfile(this.profileName, this.profileClass);
  },
  onRecord() {
    return this.controller.record();
  },
  onPause() {
    this.controller.pause();
  },
  onResume() {
    this.controller.resume();
  },
  onStop() {
    return this.controller.stop();
  },
  onAgreePrivacy() {
    this.controller.agreePrivacy();
  },
  onRefusePrivacy() {
    this.controller.refusePrivacy();
  },
  onOpenPrivacyContract() {
    return this.controller.openPrivacyContract();
  },
  onOpenSettings() {
    return this.controller.openSettings();
  },
  onRetryLoad() {
    return this.controller.retryLoad();
  },
  onRetryFinalize() {
    this.controller.retryFinalize();
  },
  onRetry(e: Tap) {
    this.controller.retry(Number(e.currentTarget.dataset.seq));
  },
  onPlayTake(e: Tap) {
    return this.controller.playTake(Number(e.currentTarget.dataset.seq));
  },
  onPlayAll() {
    return this.controller.playAll();
  },
  onStopPlayback() {
    this.controller.stopPlayback();
  },
});
