import type { Snapshot } from "../src/ops";

/** A small journey as the kernel would send it. */
export function snapshot(): Snapshot {
  return {
    version: 3,
    meta: { title: "Bike 自行车", map_type: "current_state", emotion_scale: "bipolar5" },
    id_columns: {
      personas: "persona_id", stages: "stage_id", steps: "step_id", lanes: "lane_id", cards: "card_id",
      emotions: "emotion_id", evidence: "evidence_id", evidence_links: "link_id", metrics: "metric_id",
      metric_values: "value_id",
    },
    scale: { scale_id: "bipolar5", min: -2, max: 2, neutral: 0, integer_only: true, labels: {} },
    tables: {
      personas: [{ persona_id: "p1", position: 0, name: "Mei", kind: "persona" }],
      stages: [
        { stage_id: "b", position: 1, name: "Purchase" },
        { stage_id: "a", position: 0, name: "Awareness" },
        { stage_id: "c", position: 2, name: "Empty" },
      ],
      steps: [
        { step_id: "s3", stage_id: "b", position: 0, name: "Pay", kind: "decision", is_moment_of_truth: true },
        { step_id: "s2", stage_id: "a", position: 5, name: "Search", kind: "action", is_moment_of_truth: false },
        { step_id: "s1", stage_id: "a", position: 1, name: "See ad", kind: "action", is_moment_of_truth: false },
        { step_id: "s0", stage_id: null, position: 0, name: "Before", kind: "action", is_moment_of_truth: false },
      ],
      lanes: [
        { lane_id: "l2", position: 1, name: "Pain points", lane_type: "pain_points", visible: true },
        { lane_id: "l1", position: 0, name: "Actions", lane_type: "actions", visible: true },
        { lane_id: "l3", position: 2, name: "Hidden", lane_type: "custom", visible: false },
      ],
      cards: [
        { card_id: "c2", lane_id: "l1", step_id: "s1", position: 1, text: "second", evidence_level: "assumed" },
        { card_id: "c1", lane_id: "l1", step_id: "s1", position: 0, text: "first", evidence_level: "assumed" },
        { card_id: "x", lane_id: "l2", step_id: "s3", position: 0, kind: "pain_point", severity: 3,
          text: "<img src=x onerror=alert(1)>", evidence_level: "observed" },
      ],
      emotions: [
        { emotion_id: "e1", step_id: "s1", persona_id: "p1", variant: "as_is", score: 1 },
        { emotion_id: "e2", step_id: "s3", persona_id: "p1", variant: "as_is", score: -2 },
        { emotion_id: "e3", step_id: "s3", persona_id: "p1", variant: "to_be", score: 1 },
      ],
      evidence: [], evidence_links: [], metrics: [], metric_values: [],
    },
  };
}
