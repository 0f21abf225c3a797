//! The local Blue Button sandbox (placeholder until its issue lands).
fn main() {
    println!("bluebutton-sandbox: not built yet");
}
