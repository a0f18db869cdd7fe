//! Client secrets in the OS keyring (Secret Service on Linux, Keychain on macOS, Credential
//! Manager on Windows), behind the `keyring` build feature so the default build links no
//! platform store. On Linux the store speaks D-Bus in pure Rust (zbus): no libdbus needed, but
//! a Secret Service (GNOME Keyring, KWallet) must be running.

/// Read the secret of `(service, user)`.
#[cfg(feature = "keyring")]
pub fn read(service: &str, user: &str) -> anyhow::Result<String> {
    let entry = keyring::Entry::new(service, user)
        .map_err(|e| anyhow::anyhow!("the OS keyring is not available: {e}"))?;
    entry.get_password().map_err(|e| match e {
        keyring::Error::NoEntry => anyhow::anyhow!(
            "no secret for {service}/{user} in the OS keyring: store it with \
             `kyc-console config set-secret ENVIRONMENT`"
        ),
        e => anyhow::anyhow!("cannot read {service}/{user} from the OS keyring: {e}"),
    })
}

/// Store the secret of `(service, user)`.
#[cfg(feature = "keyring")]
pub fn write(service: &str, user: &str, secret: &str) -> anyhow::Result<()> {
    keyring::Entry::new(service, user)
        .and_then(|e| e.set_password(secret))
        .map_err(|e| anyhow::anyhow!("cannot store {service}/{user} in the OS keyring: {e}"))
}

#[cfg(not(feature = "keyring"))]
const NOT_BUILT: &str = "this kyc-console was built without the OS keyring: reinstall with \
                         `cargo install --path . --features keyring`, or use secret_file";

#[cfg(not(feature = "keyring"))]
pub fn read(service: &str, user: &str) -> anyhow::Result<String> {
    anyhow::bail!("keyring entry {service}/{user}: {NOT_BUILT}")
}

#[cfg(not(feature = "keyring"))]
pub fn write(service: &str, user: &str, _secret: &str) -> anyhow::Result<()> {
    anyhow::bail!("keyring entry {service}/{user}: {NOT_BUILT}")
}
