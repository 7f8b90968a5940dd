//! Just enough of the W3C WebDriver protocol to drive the app's window through tauri-driver.

use base64::Engine;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

pub struct Session {
    http: reqwest::Client,
    base: String,
}

#[derive(Clone)]
pub struct Element(String);

impl Session {
    /// Starts a session whose browser is the app binary at `application`.
    pub async fn start(driver_url: &str, application: &str) -> Session {
        let http = reqwest::Client::new();
        let caps = json!({"capabilities": {"alwaysMatch": {"tauri:options": {"application": application}}}});
        let answer: Value = http
            .post(format!("{driver_url}/session"))
            .json(&caps)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id = answer["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {answer}"))
            .to_owned();
        Session {
            http,
            base: format!("{driver_url}/session/{id}"),
        }
    }

    /// One WebDriver call; `Err` carries the driver's error (a stale element, say).
    async fn try_call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Result<Value, String> {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let answer: Value = request.send().await.unwrap().json().await.unwrap();
        let value = answer["value"].clone();
        match value.get("error") {
            Some(error) => Err(format!("{error}: {}", value["message"])),
            None => Ok(value),
        }
    }

    async fn call(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let description = format!("{method} {path}");
        self.try_call(method, path, body)
            .await
            .unwrap_or_else(|e| panic!("{description} failed: {e}"))
    }

    /// The elements matching a CSS selector now (possibly none).
    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        let value = self
            .call(
                reqwest::Method::POST,
                "/elements",
                Some(json!({"using": "css selector", "value": css})),
            )
            .await;
        assert!(value.is_array(), "finding {css} answered {value}");
        value
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e[ELEMENT_KEY].as_str())
                    .map(|id| Element(id.to_owned()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Waits up to `timeout` for at least one element matching `css`, asking the window again
    /// each time the previous answer arrives.
    pub async fn wait_for(&self, css: &str, timeout: Duration) -> Vec<Element> {
        let deadline = Instant::now() + timeout;
        loop {
            let found = self.find_all(css).await;
            if !found.is_empty() {
                return found;
            }
            if Instant::now() > deadline {
                let text = self.text_of_body().await;
                let shot = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("target/e2e/failed-wait.png");
                self.screenshot(&shot).await;
                panic!(
                    "no element matches {css} after {timeout:?} (screenshot: {}); the window shows:\n{text}",
                    shot.display()
                );
            }
            tokio::task::yield_now().await;
        }
    }

    pub async fn one(&self, css: &str) -> Element {
        self.wait_for(css, Duration::from_secs(20)).await.remove(0)
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        let el = self.one(css).await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{}/clear", el.0),
            Some(json!({})),
        )
        .await;
        self.call(
            reqwest::Method::POST,
            &format!("/element/{}/value", el.0),
            Some(json!({"text": text})),
        )
        .await;
    }

    /// Clicks the first element matching `css`, finding it again if the page re-rendered it
    /// between the lookup and the click.
    pub async fn click(&self, css: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let el = self.one(css).await;
            match self
                .try_call(
                    reqwest::Method::POST,
                    &format!("/element/{}/click", el.0),
                    Some(json!({})),
                )
                .await
            {
                Ok(_) => return,
                Err(e) if e.contains("stale") && Instant::now() < deadline => {
                    tokio::task::yield_now().await
                }
                Err(e) => panic!("clicking {css} failed: {e}"),
            }
        }
    }

    pub async fn text(&self, element: &Element) -> String {
        self.call(
            reqwest::Method::GET,
            &format!("/element/{}/text", element.0),
            None,
        )
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
    }

    /// An attribute of `element`, if it has it.
    pub async fn attribute(&self, element: &Element, name: &str) -> Option<String> {
        self.call(
            reqwest::Method::GET,
            &format!("/element/{}/attribute/{name}", element.0),
            None,
        )
        .await
        .as_str()
        .map(str::to_owned)
    }

    /// The visible text of the first element matching `css`, finding it again if the page
    /// re-rendered it between the lookup and the read.
    pub async fn text_of(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let element = self.one(css).await;
            // WebKitWebDriver's "visible text" comes back empty for some laid-out spans; the DOM's
            // textContent is what the screenshot shows.
            match self
                .try_call(
                    reqwest::Method::GET,
                    &format!("/element/{}/property/textContent", element.0),
                    None,
                )
                .await
            {
                Ok(text) => return text.as_str().unwrap_or_default().trim().to_owned(),
                Err(e) if Instant::now() > deadline => panic!("cannot read the text of {css}: {e}"),
                Err(_) => tokio::task::yield_now().await,
            }
        }
    }

    /// Waits up to `timeout` for the first element matching `css` to hold a text that `wanted`
    /// accepts, reading it again each time the previous answer arrives; returns that text.
    pub async fn wait_for_text(
        &self,
        css: &str,
        wanted: impl Fn(&str) -> bool,
        timeout: Duration,
    ) -> String {
        let deadline = Instant::now() + timeout;
        let mut last = None;
        loop {
            if let Some(element) = self.find_all(css).await.first()
                && let Ok(text) = self
                    .try_call(
                        reqwest::Method::GET,
                        &format!("/element/{}/property/textContent", element.0),
                        None,
                    )
                    .await
            {
                let text = text.as_str().unwrap_or_default().trim().to_owned();
                if wanted(&text) {
                    return text;
                }
                last = Some(text);
            }
            if Instant::now() > deadline {
                panic!("{css} never showed the text wanted after {timeout:?}; last: {last:?}");
            }
            tokio::task::yield_now().await;
        }
    }

    pub async fn text_of_body(&self) -> String {
        match self.find_all("body").await.first() {
            Some(body) => self.text(body).await,
            None => String::from("(no body)"),
        }
    }

    /// Takes a PNG of the window once the page has painted its latest changes (two animation
    /// frames after the call).
    pub async fn screenshot(&self, path: &std::path::Path) {
        let painted = "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
        self.call(
            reqwest::Method::POST,
            "/execute/async",
            Some(json!({"script": painted, "args": []})),
        )
        .await;
        let value = self.call(reqwest::Method::GET, "/screenshot", None).await;
        let png = base64::engine::general_purpose::STANDARD
            .decode(value.as_str().expect("a screenshot"))
            .unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }

    /// Runs `script` in the page with `args` and returns its result.
    pub async fn execute(&self, script: &str, args: Vec<Value>) -> Value {
        self.call(
            reqwest::Method::POST,
            "/execute/sync",
            Some(json!({"script": script, "args": args})),
        )
        .await
    }

    /// Runs an asynchronous `script` (it calls its last argument with the result).
    pub async fn execute_async(&self, script: &str) -> Value {
        self.call(
            reqwest::Method::POST,
            "/execute/async",
            Some(json!({"script": script, "args": []})),
        )
        .await
    }

    /// Sizes the window to `width` × `height` CSS pixels and waits for the page to see it.
    pub async fn resize(&self, width: u32, height: u32) {
        self.call(
            reqwest::Method::POST,
            "/window/rect",
            Some(json!({"width": width, "height": height})),
        )
        .await;
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let seen = self
                .execute("return [window.innerWidth, window.innerHeight];", vec![])
                .await;
            if seen == json!([width, height]) || Instant::now() > deadline {
                return;
            }
            tokio::task::yield_now().await;
        }
    }

    /// `element` as a script argument.
    pub fn arg(element: &Element) -> Value {
        json!({ ELEMENT_KEY: element.0 })
    }

    /// Clicks `element`.
    pub async fn click_element(&self, element: &Element) {
        self.call(
            reqwest::Method::POST,
            &format!("/element/{}/click", element.0),
            Some(json!({})),
        )
        .await;
    }

    /// Moves the pointer to `(x, y)` pixels from the centre of `element`, as a mouse would.
    pub async fn hover(&self, element: &Element, x: i64, y: i64) {
        let origin = Session::arg(element);
        let actions = json!({"actions": [{
            "type": "pointer",
            "id": "mouse",
            "parameters": {"pointerType": "mouse"},
            "actions": [{"type": "pointerMove", "duration": 0, "origin": origin, "x": x, "y": y}]
        }]});
        self.call(reqwest::Method::POST, "/actions", Some(actions))
            .await;
    }

    /// Types keys (WebDriver key codes allowed, e.g. `\u{E014}` for →) into whatever has focus.
    pub async fn press(&self, keys: &str) {
        let strokes: Vec<Value> = keys
            .chars()
            .flat_map(|c| {
                let key = c.to_string();
                [
                    json!({"type": "keyDown", "value": key}),
                    json!({"type": "keyUp", "value": key}),
                ]
            })
            .collect();
        let actions = json!({"actions": [{"type": "key", "id": "keyboard", "actions": strokes}]});
        self.call(reqwest::Method::POST, "/actions", Some(actions))
            .await;
    }

    pub async fn end(self) {
        let _ = self.http.delete(&self.base).send().await;
    }
}
