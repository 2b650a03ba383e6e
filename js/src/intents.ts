// Every op the map sends, built here and nowhere else: the view says what the person
// meant ("add a card here"), this module says it in the model's vocabulary (model/ops.py).

import type { Op, Row, Value } from "./ops";

type Id = string;

export const intents = {
  setMeta: (field: string, value: Value): Op[] => [{ op: "set_meta", field, value }],
  rename: (table: string, id: Id, field: string, text: string): Op[] => [
    { op: "update", table, id, values: { [field]: text } },
  ],
  setField: (table: string, id: Id, field: string, value: Value): Op[] => [
    { op: "update", table, id, values: { [field]: value } },
  ],
  remove: (table: string, id: Id): Op[] => [{ op: "delete", table, id }],

  addStage: (): Op[] => [{ op: "insert", table: "stages", row: { name: "New stage" } }],
  addLane: (): Op[] => [{ op: "insert", table: "lanes", row: { name: "New lane", lane_type: "custom" } }],
  addStep: (stageId: Id | null): Op[] => [
    { op: "insert", table: "steps", row: { stage_id: stageId, name: "New step" } },
  ],
  addCard: (laneId: Id, stepId: Id): Op[] => [
    { op: "insert", table: "cards", row: { lane_id: laneId, step_id: stepId, text: "New card" } },
  ],
  addPersona: (name: string): Op[] => [{ op: "insert", table: "personas", row: { name } }],

  toggleMoment: (stepId: Id, now: boolean): Op[] => [
    { op: "update", table: "steps", id: stepId, values: { is_moment_of_truth: !now } },
  ],
  /** Severity cycles 1 → 2 → 3 → none. */
  cycleSeverity: (cardId: Id, now: number | null): Op[] => [
    { op: "update", table: "cards", id: cardId, values: { severity: now === null ? 1 : now === 3 ? null : now + 1 } },
  ],

  /** Put a score on a step: update the point if there is one, else insert it. */
  score: (target: ScoreTarget, score: number): Op[] =>
    target.emotionId !== null
      ? [{ op: "update", table: "emotions", id: target.emotionId, values: { score } }]
      : [
          {
            op: "insert",
            table: "emotions",
            row: { step_id: target.stepId, persona_id: target.personaId, variant: target.variant, score },
          },
        ],

  moveStep: (stepId: Id, stageId: Id | null, position: number): Op[] => [
    { op: "move", table: "steps", id: stepId, position, parent: { stage_id: stageId } },
  ],
  moveCard: (cardId: Id, laneId: Id, stepId: Id, position: number): Op[] => [
    { op: "move", table: "cards", id: cardId, position, parent: { lane_id: laneId, step_id: stepId, stage_id: null } },
  ],
};

export type ScoreTarget = {
  stepId: Id;
  emotionId: Id | null;
  personaId: Id | null;
  variant: string;
};

export type Intents = typeof intents;
export type { Row };
