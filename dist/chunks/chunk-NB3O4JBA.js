import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);

// src/pipelines/persona-data/config.ts
var DEFAULT_PERSONAS = [
  {
    name: "architect",
    agent: "claude",
    style: "System architecture and design patterns first.",
    focus: ["scalability", "maintainability", "design principles"]
  },
  {
    name: "perfectionist",
    agent: "gemini",
    style: "Exacting about quality: correct, fast, thoroughly tested code with nothing left to chance.",
    focus: ["performance", "code quality", "edge cases"]
  },
  {
    name: "pragmatist",
    agent: "codex",
    style: "Ship what works: the simplest solution that solves the problem today, improved later.",
    focus: ["speed of delivery", "practicality", "MVP"]
  },
  {
    name: "innovator",
    agent: "claude",
    style: "Look past the obvious: modern techniques and creative, unconventional approaches.",
    focus: ["new techniques", "creativity"]
  },
  {
    name: "educator",
    agent: "gemini",
    style: "Teach while solving: explain the why step by step, so a newcomer can follow and learn.",
    focus: ["clarity", "documentation", "learning curve"]
  },
  {
    name: "security-expert",
    agent: "codex",
    style: "Security first: think like an attacker, trust no input, close every hole.",
    focus: ["security", "validation", "vulnerabilities"]
  }
];
function defaultPersonaPipeline() {
  return {
    label: "persona-data",
    outputDir: "training-data",
    formats: ["openai-chat", "trl-sft", "dpo"],
    personas: DEFAULT_PERSONAS.map((p) => ({ ...p, focus: [...p.focus] })),
    reviewer: "claude"
  };
}
function personaAgentNames(pipeline) {
  return [
    .../* @__PURE__ */ new Set([
      ...pipeline.personas.map((p) => p.agent),
      ...pipeline.formats.includes("dpo") ? [pipeline.reviewer] : []
    ])
  ];
}
function personaStatusEntries(pipeline) {
  return [
    ...pipeline.personas.map((p) => ({ agent: p.agent, role: p.name, state: "pending" })),
    ...pipeline.formats.includes("dpo") ? [{ agent: pipeline.reviewer, role: "reviewer", state: "pending", note: "waits for the answers" }] : []
  ];
}

// src/dataset/formats.ts
var DATASET_FORMATS = ["openai-chat", "trl-sft", "dpo"];
function isDatasetFormat(value) {
  return DATASET_FORMATS.includes(value);
}
function openAiChatRow(e) {
  return {
    messages: [
      { role: "system", content: e.system },
      { role: "user", content: e.user },
      { role: "assistant", content: e.answer }
    ]
  };
}
function trlSftRow(e) {
  return {
    prompt: [
      { role: "system", content: e.system },
      { role: "user", content: e.user }
    ],
    completion: [{ role: "assistant", content: e.answer }]
  };
}
function dpoRow(p) {
  return {
    prompt: [{ role: "user", content: p.user }],
    chosen: [{ role: "assistant", content: p.chosen }],
    rejected: [{ role: "assistant", content: p.rejected }]
  };
}
function toJsonl(values) {
  return values.map((v) => `${JSON.stringify(v)}
`).join("");
}
function datasetBaseName(repository, issueNumber) {
  const repo = repository.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[.-]+|-+$/g, "") || "repository";
  return `${repo}-issue-${issueNumber}`;
}
function datasetFileNames(base, format) {
  return { data: `${base}.${format}.jsonl`, meta: `${base}.${format}.meta.jsonl` };
}

export {
  defaultPersonaPipeline,
  personaAgentNames,
  personaStatusEntries,
  DATASET_FORMATS,
  isDatasetFormat,
  openAiChatRow,
  trlSftRow,
  dpoRow,
  toJsonl,
  datasetBaseName,
  datasetFileNames
};
