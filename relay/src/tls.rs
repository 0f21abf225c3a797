//! Certificate verification of https upstreams: rustls (with ring) trusting Mozilla's root
//! certificates (`webpki-root-certs`) plus the `--extra-root-cert` files, and the words for
//! an upstream whose certificate does not verify.

use std::path::Path;

use rustls::pki_types::CertificateDer;
use ureq::tls::{Certificate, PemItem};

/// Mozilla's roots plus the certificates of every PEM file in `extra`.
///
/// Each file must be readable and hold at least one certificate that parses; otherwise the
/// error names the file and what is wrong with it.
///
/// ```
/// let roots = bluebutton_relay::tls::load_roots(&[]).unwrap();
/// assert!(roots.len() > 100);
/// let missing = bluebutton_relay::tls::load_roots(&["/nonexistent.pem".into()]).unwrap_err();
/// assert!(missing.contains("--extra-root-cert /nonexistent.pem"));
/// ```
pub fn load_roots(extra: &[std::path::PathBuf]) -> Result<Vec<Certificate<'static>>, String> {
    let mut roots: Vec<Certificate<'static>> = webpki_root_certs::TLS_SERVER_ROOT_CERTS
        .iter()
        .map(|c| Certificate::from_der(c.as_ref()))
        .collect();
    for path in extra {
        roots.extend(read_pem_certs(path)?);
    }
    Ok(roots)
}

/// The certificates of one PEM file, each checked to be a usable trust anchor.
fn read_pem_certs(path: &Path) -> Result<Vec<Certificate<'static>>, String> {
    let shown = path.display();
    let pem = std::fs::read(path)
        .map_err(|e| format!("--extra-root-cert {shown}: cannot read the file ({e})"))?;
    let mut certs = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        match item {
            Ok(PemItem::Certificate(c)) => {
                let mut store = rustls::RootCertStore::empty();
                store
                    .add(CertificateDer::from(c.der().to_vec()))
                    .map_err(|e| {
                        format!("--extra-root-cert {shown}: a certificate does not parse ({e})")
                    })?;
                certs.push(c);
            }
            Ok(_) => {}
            Err(e) => return Err(format!("--extra-root-cert {shown}: not valid PEM ({e})")),
        }
    }
    if certs.is_empty() {
        return Err(format!(
            "--extra-root-cert {shown}: no certificate found; pass a PEM file with a -----BEGIN CERTIFICATE----- block"
        ));
    }
    Ok(certs)
}

/// An agent for upstream calls: verified TLS with `roots`, no redirects followed, every
/// status returned as a response, `timeout` for the whole call.
pub fn agent(roots: &[Certificate<'static>], timeout: std::time::Duration) -> ureq::Agent {
    let tls = ureq::tls::TlsConfig::builder()
        .provider(ureq::tls::TlsProvider::Rustls)
        .root_certs(ureq::tls::RootCerts::new_with_certs(roots))
        .build();
    ureq::Agent::config_builder()
        .tls_config(tls)
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .max_redirects(0)
        .user_agent("bluebutton-relay")
        .build()
        .into()
}

/// The TLS failure inside a ureq error, if there is one.
pub fn tls_failure(err: &ureq::Error) -> Option<&rustls::Error> {
    match err {
        ureq::Error::Rustls(e) => Some(e),
        ureq::Error::Io(io) => io
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<rustls::Error>()),
        _ => None,
    }
}

/// What to tell the operator about a TLS failure.
///
/// ```
/// use rustls::{CertificateError, Error};
/// let why = bluebutton_relay::tls::explain(&Error::InvalidCertificate(CertificateError::UnknownIssuer));
/// assert!(why.contains("not trusted"));
/// assert!(why.contains("--extra-root-cert"));
/// ```
pub fn explain(err: &rustls::Error) -> String {
    use rustls::CertificateError as C;
    match err {
        rustls::Error::InvalidCertificate(C::UnknownIssuer) => "the upstream's certificate is not trusted (unknown issuer): its chain does not end at a Mozilla root; for a private CA pass --extra-root-cert FILE".into(),
        rustls::Error::InvalidCertificate(C::NotValidForName | C::NotValidForNameContext { .. }) => "the upstream's certificate does not name the upstream host: check --upstream".into(),
        rustls::Error::InvalidCertificate(C::Expired | C::ExpiredContext { .. }) => "the upstream's certificate has expired".into(),
        rustls::Error::InvalidCertificate(other) => format!("the upstream's certificate does not verify ({other:?}); for a private CA pass --extra-root-cert FILE"),
        other => format!("the TLS handshake with the upstream failed ({other})"),
    }
}
