//! The HTML page that plays Medicare.gov login and the BB2 consent screen.

use crate::http::html_escape;

/// Hidden authorize parameters carried through the form.
pub const CARRIED: [&str; 8] = [
    "client_id",
    "redirect_uri",
    "response_type",
    "state",
    "code_challenge",
    "code_challenge_method",
    "scope",
    "lang",
];

/// Renders the login + consent form. `params` are the original authorize
/// parameters; `error` is shown above the form (wrong password).
pub fn render(
    version: &str,
    params: &[(&str, &str)],
    app_name: &str,
    error: Option<&str>,
) -> String {
    let mut hidden = String::new();
    for (k, v) in params {
        hidden.push_str(&format!(
            "    <input type=\"hidden\" name=\"{}\" value=\"{}\">\n",
            html_escape(k),
            html_escape(v)
        ));
    }
    let err = error
        .map(|e| {
            format!(
                "  <p id=\"error\" class=\"error\" role=\"alert\">{}</p>\n",
                html_escape(e)
            )
        })
        .unwrap_or_default();
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Medicare.gov login and Blue Button consent (local sandbox)</title>
  <style>
    body {{ font-family: sans-serif; max-width: 36rem; margin: 2rem auto; }}
    .error {{ color: #a00; font-weight: bold; }}
    fieldset {{ margin: 1rem 0; }}
  </style>
</head>
<body>
  <h1>Medicare.gov (local sandbox)</h1>
  <p><strong>{app}</strong> wants access to your Medicare claims data.</p>
{err}  <form id="consent-form" method="post" action="/{version}/o/authorize/consent">
{hidden}    <fieldset>
      <legend>Log in</legend>
      <p><label for="username">Username</label>
      <input id="username" name="username" type="text" autocomplete="username"></p>
      <p><label for="password">Password</label>
      <input id="password" name="password" type="password" autocomplete="current-password"></p>
      <p>Synthetic users: BBUser00000 &hellip; BBUser29999, password PW00000! &hellip; PW29999!</p>
    </fieldset>
    <fieldset>
      <legend>What to share</legend>
      <p><input id="share-demographics" name="share_demographic_scopes" type="checkbox" value="true" checked>
      <label for="share-demographics">Share demographic data (name, address, date of birth, gender)</label></p>
      <p><input id="share-samhsa" name="share_samhsa_data" type="checkbox" value="true" checked>
      <label for="share-samhsa">Share SAMHSA data (substance use disorder treatment, 42 CFR Part 2)</label></p>
      <p><input id="part-d-only" name="part_d_only" type="checkbox" value="true">
      <label for="part-d-only">Part D (prescription drug) data only</label></p>
    </fieldset>
    <button id="allow" name="allow" type="submit" value="true">Allow</button>
    <button id="deny" name="allow" type="submit" value="false">Deny</button>
  </form>
</body>
</html>
"#,
        app = html_escape(app_name),
        version = html_escape(version),
    )
}

/// The page for an unknown client (BB2's `app_inactive_401.html`, status 400).
pub fn unknown_client() -> String {
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Application not found</title></head>\n\
<body><h1>Invalid client</h1><p>This application is unknown or inactive (invalid_client).</p></body></html>\n"
        .to_string()
}
