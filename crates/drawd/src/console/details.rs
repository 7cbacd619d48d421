//! The parts of a request the log does not hold yet (using unit, project, time and place,
//! supervisor): kept by the console in `<data>/console-requests.jsonl`, one line per draw,
//! for the call sheet and the printed record. Staff data: never in a public answer.

use serde::{Deserialize, Serialize};

/// What the clerk entered beside the protocol's request.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct DrawDetails {
    /// The draw id.
    pub draw: String,
    /// 专家使用方.
    pub using_unit: String,
    /// 项目名称.
    pub project: String,
    /// 工作内容 (also the request's public `purpose`).
    pub work: String,
    /// Time of day of the event, `HH:MM`.
    pub event_time: String,
    /// 地点.
    pub place: String,
    /// 监督人.
    pub supervisor: String,
    /// Staff id of the clerk who made the request.
    pub operator: String,
    /// Recused units and people as entered (the request commits them; kept for the record).
    #[serde(default)]
    pub recused: Vec<String>,
}

/// The file name in the data folder.
pub const FILE: &str = "console-requests.jsonl";
