//! Small JSON endpoints for the page.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use crate::AppState;

/// `GET /api/targets`.
pub fn routes() -> Router<AppState> {
    Router::new().route("/api/targets", get(targets))
}

/// One bridge target as the page sees it: never the host or port, which
/// stay the operator's business.
#[derive(Debug, Serialize)]
struct TargetInfo {
    /// The name for `/bridge?target=NAME` and `/connect NAME`.
    name: String,
    /// `plain`, `starttls` or `tls`.
    mode: String,
}

/// The bridge's targets, in configuration order: `[{name, mode}]`.
async fn targets(State(state): State<AppState>) -> Json<Vec<TargetInfo>> {
    Json(
        crate::bridge::targets(&state.config)
            .into_iter()
            .map(|t| TargetInfo {
                name: t.name,
                mode: t.mode.to_string(),
            })
            .collect(),
    )
}
