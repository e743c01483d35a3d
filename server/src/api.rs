//! Small JSON endpoints for the page.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};

use crate::AppState;

/// `GET /api/targets`.
pub fn routes() -> Router<AppState> {
    Router::new().route("/api/targets", get(targets))
}

/// The names of the bridge targets the page may offer. Empty until the
/// bridge exists: listing `--target`s that cannot be reached yet would only
/// offer the learner dead buttons.
async fn targets(State(state): State<AppState>) -> Json<Vec<String>> {
    let _ = &state.config.targets;
    Json(Vec::new())
}
