//! The display settings — units and theme — kept in the cache's settings table.

use crate::app::App;
use crate::error::ApiError;
use crate::export_views::{DisplaySettings, ThemeChoice, UnitSystem};

const UNITS_KEY: &str = "display_units";
const THEME_KEY: &str = "display_theme";

impl App {
    /// The saved display settings; metric and the system's theme until something is saved.
    pub async fn display_settings(&self) -> Result<DisplaySettings, ApiError> {
        let units = match self.store.setting(UNITS_KEY).await?.as_deref() {
            Some("imperial") => UnitSystem::Imperial,
            _ => UnitSystem::Metric,
        };
        let theme = match self.store.setting(THEME_KEY).await?.as_deref() {
            Some("light") => ThemeChoice::Light,
            Some("dark") => ThemeChoice::Dark,
            _ => ThemeChoice::System,
        };
        Ok(DisplaySettings { units, theme })
    }

    pub async fn save_display_settings(
        &self,
        settings: DisplaySettings,
    ) -> Result<DisplaySettings, ApiError> {
        let units = match settings.units {
            UnitSystem::Metric => "metric",
            UnitSystem::Imperial => "imperial",
        };
        let theme = match settings.theme {
            ThemeChoice::System => "system",
            ThemeChoice::Light => "light",
            ThemeChoice::Dark => "dark",
        };
        self.store.set_setting(UNITS_KEY, units).await?;
        self.store.set_setting(THEME_KEY, theme).await?;
        self.display_settings().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_world::world;
    use offpeak_sandbox::FaultPlan;

    #[tokio::test]
    async fn settings_start_metric_and_system_and_survive_a_restart() {
        let w = world(FaultPlan::default()).await;
        let first = w.app.display_settings().await.unwrap();
        assert_eq!(
            first,
            DisplaySettings {
                units: UnitSystem::Metric,
                theme: ThemeChoice::System
            }
        );
        let wanted = DisplaySettings {
            units: UnitSystem::Imperial,
            theme: ThemeChoice::Dark,
        };
        assert_eq!(
            w.app.save_display_settings(wanted.clone()).await.unwrap(),
            wanted
        );
        let reopened = offpeak_store::Store::open(&w.cache_path()).await.unwrap();
        assert_eq!(
            reopened.setting(UNITS_KEY).await.unwrap().as_deref(),
            Some("imperial")
        );
        assert_eq!(w.app.display_settings().await.unwrap(), wanted);
    }
}
