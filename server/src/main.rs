//! `momentum-server`: the demo and test server.
//!
//! ```text
//! momentum-server [--host H] [--port P] [--root DIR] [--allow-remote]
//! ```
//!
//! Prints `Momentum demos: http://HOST:PORT/` once it listens; stops on
//! Ctrl-C (or SIGTERM), letting open requests finish for a few seconds.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use momentum_server::{app, Shutdown};
use tokio::net::TcpListener;
use tokio::sync::watch;

const USAGE: &str = "\
Usage: momentum-server [--host H] [--port P] [--root DIR] [--allow-remote]

  --host H         address to bind (default 127.0.0.1; loopback only unless --allow-remote)
  --port P         port (default 8080, or $PORT; 0 picks a free port)
  --root DIR       project root holding www/ and pkg/ (default: current directory)
  --allow-remote   allow binding to a non-loopback address
  -h, --help       show this help";

/// How long open requests may run after a stop was requested.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// Command-line options.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Args {
    host: String,
    port: u16,
    root: PathBuf,
    allow_remote: bool,
}

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
enum Command {
    Serve(Args),
    Help,
}

/// Parses the arguments (without the program name). `env_port` is `$PORT`;
/// `--port` wins over it. Accepts `--flag value` and `--flag=value`.
fn parse_args(
    args: impl IntoIterator<Item = String>,
    env_port: Option<String>,
) -> Result<Command, String> {
    let mut host = "127.0.0.1".to_owned();
    let mut port: Option<String> = None;
    let mut root = PathBuf::from(".");
    let mut allow_remote = false;

    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "--host" => host = value("--host")?,
            "--port" => port = Some(value("--port")?),
            "--root" => root = PathBuf::from(value("--root")?),
            "--allow-remote" => allow_remote = true,
            "-h" | "--help" => return Ok(Command::Help),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }

    let port = match port.or(env_port.filter(|p| !p.trim().is_empty())) {
        None => 8080,
        Some(p) => p
            .trim()
            .parse::<u16>()
            .map_err(|_| format!("port must be a number from 0 to 65535, got {p:?}"))?,
    };
    Ok(Command::Serve(Args {
        host,
        port,
        root,
        allow_remote,
    }))
}

/// The host as it appears in a URL: IPv6 literals get brackets.
fn url_host(host: &str) -> String {
    if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]")
    } else {
        host.to_owned()
    }
}

/// Resolves `host:port`; refuses non-loopback addresses unless allowed.
async fn resolve(args: &Args) -> Result<Vec<SocketAddr>, String> {
    let host = args.host.trim_start_matches('[').trim_end_matches(']');
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host, args.port))
        .await
        .map_err(|e| format!("cannot resolve host {:?}: {e}", args.host))?
        .collect();
    if addrs.is_empty() {
        return Err(format!("host {:?} resolves to no address", args.host));
    }
    if !args.allow_remote {
        if let Some(remote) = addrs.iter().find(|a| !a.ip().is_loopback()) {
            return Err(format!(
                "refusing to bind to {} ({}): it is not a loopback address, and this server \
                 has fault injection and no authentication. Pass --allow-remote to expose it anyway.",
                args.host,
                remote.ip()
            ));
        }
    }
    Ok(addrs)
}

/// Resolves when Ctrl-C (or, on Unix, SIGTERM) arrives; never if signals are unavailable.
async fn stop_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {}
        _ = terminate => {}
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1), std::env::var("PORT").ok()) {
        Ok(Command::Serve(args)) => args,
        Ok(Command::Help) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("momentum-server: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };

    let addrs = match resolve(&args).await {
        Ok(addrs) => addrs,
        Err(message) => {
            eprintln!("momentum-server: {message}");
            return ExitCode::from(2);
        }
    };
    let listener = match TcpListener::bind(addrs.as_slice()).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!(
                "momentum-server: cannot listen on {}:{}: {e}",
                args.host, args.port
            );
            return ExitCode::FAILURE;
        }
    };
    let port = listener.local_addr().map_or(args.port, |a| a.port());

    if !args.root.join("www").is_dir() {
        eprintln!(
            "momentum-server: warning: {} has no www/ directory; static pages will be 404",
            args.root.display()
        );
    }

    let (stop_sender, stop_receiver) = watch::channel(false);
    let shutdown = Shutdown::new(stop_receiver);
    let router = app(&args.root, shutdown.clone());

    println!("Momentum demos: http://{}:{port}/", url_host(&args.host));
    // Scripts wait for this line; make sure it is out before serving.
    let _ = std::io::stdout().flush();

    tokio::spawn(async move {
        stop_signal().await;
        eprintln!("momentum-server: stopping");
        stop_sender.send_replace(true);
    });

    let graceful_shutdown = shutdown.clone();
    let server = axum::serve(listener, router)
        .with_graceful_shutdown(async move { graceful_shutdown.requested().await });
    let grace_expired = async {
        shutdown.requested().await;
        tokio::time::sleep(SHUTDOWN_GRACE).await;
    };
    tokio::select! {
        result = server => match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("momentum-server: {e}");
                ExitCode::FAILURE
            }
        },
        _ = grace_expired => {
            eprintln!("momentum-server: requests still open after {SHUTDOWN_GRACE:?}; exiting");
            ExitCode::SUCCESS
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str], env: Option<&str>) -> Result<Command, String> {
        parse_args(args.iter().map(|s| s.to_string()), env.map(str::to_owned))
    }

    #[test]
    fn defaults() {
        assert_eq!(
            parse(&[], None),
            Ok(Command::Serve(Args {
                host: "127.0.0.1".into(),
                port: 8080,
                root: PathBuf::from("."),
                allow_remote: false,
            }))
        );
    }

    #[test]
    fn flags_env_and_precedence() {
        let Ok(Command::Serve(args)) = parse(
            &[
                "--host",
                "::1",
                "--port=18080",
                "--root",
                "/r",
                "--allow-remote",
            ],
            Some("9000"),
        ) else {
            panic!("should parse");
        };
        assert_eq!(args.host, "::1");
        assert_eq!(args.port, 18080);
        assert_eq!(args.root, PathBuf::from("/r"));
        assert!(args.allow_remote);

        let Ok(Command::Serve(args)) = parse(&[], Some("9000")) else {
            panic!("should parse");
        };
        assert_eq!(args.port, 9000);
    }

    #[test]
    fn errors_and_help() {
        assert!(parse(&["--port"], None).is_err());
        assert!(parse(&["--port", "70000"], None).is_err());
        assert!(parse(&["--bogus"], None).is_err());
        assert_eq!(parse(&["--help"], None), Ok(Command::Help));
    }

    #[test]
    fn ipv6_hosts_get_brackets() {
        assert_eq!(url_host("::1"), "[::1]");
        assert_eq!(url_host("127.0.0.1"), "127.0.0.1");
        assert_eq!(url_host("localhost"), "localhost");
    }
}
