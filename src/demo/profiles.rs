//! The demo's senders: invented profiles for both services, so that its
//! letters can be written. Only fields not yet filled in are set, so a
//! desk's own details are never replaced by invented ones.

use crate::domain::types::{ProfileField, Sender};
use crate::store::{StoreResult, Tx};

/// In `ProfileField::ALL`'s order: name, address, phone, email, hours,
/// signatory, role, payment.
const OOCD: [&str; 8] = [
    "Kelvington Out-of-Court Disposals Unit",
    "Kelvington Police Station, 1 Station Road, Kelvington KV1 1AA",
    "01632 960100",
    "oocd.unit@kelvington.example.org",
    "Monday to Friday, 9am to 5pm",
    "Sam Okafor",
    "Out-of-court disposals coordinator",
    "online at pay.kelvington.example.org or by phone on 01632 960101, quoting your reference",
];

const RJ: [&str; 8] = [
    "Kelvington Restorative Justice & Mediation Service",
    "The Old Library, 14 Market Street, Kelvington KV2 3CD",
    "01632 960200",
    "rj.service@kelvington.example.org",
    "Monday to Friday, 9am to 5pm; Thursday until 7pm",
    "Priya Castellano",
    "Restorative justice service manager",
    "by bank transfer to Kelvington RJ Service, sort code 00-00-00, account 00000000, quoting your reference",
];

/// Fill in whatever either profile lacks with the invented details (the
/// demo, and desks built by hand in tests).
pub fn fill(tx: &mut Tx<'_>) -> StoreResult<()> {
    for (sender, values) in [(Sender::Oocd, OOCD), (Sender::Rj, RJ)] {
        let profile = tx.service_profile(sender)?;
        for (field, value) in ProfileField::ALL.iter().zip(values) {
            if profile.get(*field).is_none() {
                tx.set_profile_field(sender, *field, value)?;
            }
        }
    }
    Ok(())
}
