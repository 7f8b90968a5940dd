//! The pages the person sees on the Intervals.icu surface: the consent page, where each scope
//! the app asks for is a checkbox they may untick, and the error page.

use std::fmt::Write;

use super::scopes::IcuScope;
pub(crate) use crate::consent_page::Consent;
use crate::consent_page::{REQUEST_ID_FIELD, Site, escape};

/// The form field of each ticked scope.
pub(crate) const SCOPE_FIELD: &str = "scope";

const STYLE: &str = "\
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;background:#f5f6f8;color:#222;margin:0}\
main{max-width:28rem;margin:4rem auto;background:#fff;border-radius:10px;padding:2rem;box-shadow:0 2px 10px rgba(0,0,0,.08)}\
h1{font-size:1.2rem;margin:0 0 1rem}.brand{color:#1976d2;font-weight:700}\
.who{color:#555;font-size:.9rem}ul{list-style:none;padding:0}li{margin:.5rem 0}\
code{font-size:.8rem;color:#666}.redirect{font-size:.8rem;color:#666;word-break:break-all}\
.buttons{display:flex;gap:.75rem;justify-content:flex-end;margin-top:1.5rem}\
button{font:inherit;padding:.5rem 1.1rem;border-radius:6px;border:1px solid #ccc;background:#fff;cursor:pointer}\
button.primary{background:#1976d2;border-color:#1976d2;color:#fff}.error{color:#b00020}";

const INTERVALS: Site = Site {
    name: "Intervals.icu",
    style: STYLE,
};

pub(crate) fn consent(c: &Consent<'_, IcuScope>) -> String {
    let client = escape(c.client_name);
    let mut main = String::new();
    let _ = write!(
        main,
        "<p class=\"who\">Logged in as <strong class=\"athlete\">{}</strong></p>\
         <h1><span class=\"client\">{client}</span> would like to connect to your \
         Intervals.icu account</h1>\
         <form method=\"post\" action=\"{action}\">\
         <input type=\"hidden\" name=\"{field}\" value=\"{id}\">\
         <p>Untick anything you do not want to share:</p><ul class=\"scopes\">",
        escape(c.athlete_name),
        action = escape(c.action),
        field = REQUEST_ID_FIELD,
        id = escape(c.request_id),
    );
    for scope in c.scopes {
        let _ = write!(
            main,
            "<li data-scope=\"{id}\"><label><input type=\"checkbox\" name=\"{SCOPE_FIELD}\" \
             value=\"{id}\" checked> {desc} <code>{id}</code></label></li>",
            id = scope,
            desc = escape(&scope.description()),
        );
    }
    let _ = write!(
        main,
        "</ul><p class=\"redirect\">You will be sent back to {client} at <code>{uri}</code></p>\
         <div class=\"buttons\">\
         <button type=\"submit\" name=\"decision\" value=\"deny\">Cancel</button>\
         <button type=\"submit\" name=\"decision\" value=\"approve\" class=\"primary\">Authorize</button>\
         </div></form>",
        uri = escape(c.redirect_uri),
    );
    INTERVALS.page(&format!("Connect {}", c.client_name), &main)
}

pub(crate) fn error(message: &str) -> String {
    INTERVALS.error("This app cannot connect", message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intervals::scopes::parse_list;

    #[test]
    fn every_scope_is_a_ticked_checkbox_inside_the_form() {
        let scopes = parse_list("ACTIVITY:READ,CALENDAR:WRITE").unwrap();
        let html = consent(&Consent {
            athlete_name: "Ana <Ruiz>",
            client_name: "Off\"peak",
            scopes: &scopes,
            redirect_uri: "http://localhost/cb?a=1&b=2",
            request_id: "r1",
            action: "/oauth/authorize",
        });
        assert!(html.contains("Ana &lt;Ruiz&gt;") && html.contains("Off&quot;peak"));
        assert_eq!(html.matches("type=\"checkbox\"").count(), 2);
        assert!(html.contains("value=\"CALENDAR:WRITE\" checked"));
        let form = &html[html.find("<form").unwrap()..html.find("</form>").unwrap()];
        assert!(form.contains("name=\"scope\"") && form.contains("name=\"request_id\""));
    }
}
