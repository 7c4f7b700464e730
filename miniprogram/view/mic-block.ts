import type { MicBlock } from '../recorder/mic-access';
import { t } from '../strings';
import type { RecordViewData } from './record-data';

export type MicBlockView = Pick<RecordViewData, 'micBlock' | 'micBlockText' | 'canOpenSettings'>;

export const NO_MIC_BLOCK: MicBlockView = { micBlock: '', micBlockText: '', canOpenSettings: false };

/**
 * What the record page says when a gate keeps the microphone shut. Only a denied permission has a
 * button of its own (Settings); a refused agreement is undone by tapping Record again, and an
 * undeclared microphone is the deployer's to fix, so the student is told whom to ask.
 */
export function micBlockView(block: MicBlock, stillDenied = false): MicBlockView {
  const text = block === 'denied' && stillDenied ? t('mic.still-denied') : t(`mic.${block}`);
  return { micBlock: block, micBlockText: text, canOpenSettings: block === 'denied' };
}
