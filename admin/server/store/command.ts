/** `db.command` with the logical operators the admin queries combine (both SDKs have them). */
import type { DocStore, QueryCommand } from '../../../pipeline/store/types';

export type Condition = object;

export interface LogicCommand extends QueryCommand {
  and(conditions: Condition[]): Condition;
  or(conditions: Condition[]): Condition;
}

export function logicCommand(db: DocStore): LogicCommand {
  return db.cmd as LogicCommand;
}
