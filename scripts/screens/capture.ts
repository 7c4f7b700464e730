import { ensureDom } from './dom-global';
import { HISTORY_SCENES } from './history-scenes';
import { snapshotPage, type SnapshotElement } from './page-snapshot';
import { RECORD_SCENES, type Scene } from './record-scenes';
import type { Stage } from './stage';

export const SCENES: Scene[] = [...RECORD_SCENES, ...HISTORY_SCENES];

/** A scene frozen: the page's route and rendered tree, and whatever the app threw on the way there. */
export interface CapturedScene {
  name: string;
  caption: string;
  route: string;
  page: SnapshotElement;
  appErrors: string[];
}

/** Drives every scene on its own phone, one after another, and snapshots the page at the end of each. */
export async function captureScenes(stage: Stage, scenes: Scene[] = SCENES): Promise<CapturedScene[]> {
  ensureDom();
  const captured: CapturedScene[] = [];
  for (const scene of scenes) {
    try {
      const phone = await scene.reach(stage);
      const page = phone.page();
      if (!page.dom) throw new Error(`scene ${scene.name}: the page was not rendered`);
      captured.push({
        name: scene.name,
        caption: scene.caption,
        route: page.route,
        page: snapshotPage(page.dom),
        appErrors: phone.sim.appErrors.map((err) => String(err)),
      });
    } finally {
      stage.releasePhones();
    }
  }
  return captured;
}
