//! The demo's directory beyond its coordinators and providers: volunteer
//! facilitators (some with vetting about to run out, so Today shows it),
//! venues with their rooms, and the partner agencies. Drawn from a random
//! stream of its own, so every case the demo makes stays as it was.

use chrono::{Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::domain::directory::{AgencyKind, DirectoryKind, Training};
use crate::store::{NewDirectoryEntry, NewRoom, StoreResult, Tx};

const FACILITATORS: [&str; 12] = [
    "Aisha Rahman",
    "Bethan Pryce",
    "Callum Reid",
    "Deborah Achterberg",
    "Emeka Nwosu",
    "Fiona MacLeod",
    "Gareth Pugh",
    "Hannah Oyelaran",
    "Joanna Zieliński",
    "Kieran Doherty",
    "Lucy Fairbairn",
    "Mohammed Iqbal",
];

const AVAILABILITY: [&str; 4] = ["Weekday evenings", "Tuesdays and Thursdays", "Weekends only", "School hours"];

/// Venues: name, address, booking contact, and rooms (name, capacity,
/// accessibility, refreshments).
type Venue = (&'static str, &'static str, &'static str, &'static [(&'static str, u32, &'static str, bool)]);

const VENUES: [Venue; 3] = [
    (
        "Kelvington Community Centre",
        "14 Mill Lane, Kelvington KV2 3BD",
        "Centre office, 01632 960901",
        &[("Main hall", 40, "Step-free, hearing loop", true), ("Quiet room", 6, "Step-free", false)],
    ),
    (
        "Northgate Library",
        "2 Church Street, Northgate NG1 4AA",
        "Library desk, 01632 960902",
        &[("Meeting room 1", 10, "Lift to first floor", true)],
    ),
    (
        "Eastfield Police Station",
        "Station Road, Eastfield EF3 9PL",
        "Front counter, 01632 960903",
        &[("Interview suite", 4, "Step-free", false), ("Conference room", 12, "", true)],
    ),
];

const AGENCIES: [(&str, AgencyKind, &str, &str); 6] = [
    ("Victim Support (Kelvington)", AgencyKind::VictimSupport, "Referrals hub", "vs.referrals"),
    ("Probation Service, Kelvington", AgencyKind::Probation, "Offender management", "probation.kv"),
    ("Kelvington Youth Justice Service", AgencyKind::Yot, "Out-of-court panel", "yjs.panel"),
    ("Kelvington Homes", AgencyKind::Housing, "Tenancy support", "tenancy"),
    ("Northgate Academy", AgencyKind::School, "Pastoral team", "pastoral"),
    ("Harbourside Women's Centre", AgencyKind::Other, "", "womens.centre"),
];

/// Add the facilitators, venues and agencies, as of `today`.
pub(super) fn fill(tx: &mut Tx<'_>, seed: u64, today: NaiveDate) -> StoreResult<()> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(2);
    for (i, name) in FACILITATORS.iter().enumerate() {
        // Two in three train for conferences; about one in ten has vetting
        // running out within the month, one has let it lapse.
        let mut trained_in = vec![Training::Conference];
        if rng.random_range(0..3) == 0 {
            trained_in.clear();
        }
        if rng.random_bool(0.5) {
            trained_in.push(Training::Mediation);
        }
        if trained_in.is_empty() || rng.random_bool(0.3) {
            trained_in.push(Training::Shuttle);
        }
        let days = match i {
            3 => -12,
            7 => 18,
            _ => rng.random_range(60..900),
        };
        let email = format!("{}@volunteers.example.org", name.to_lowercase().replace(' ', ".").replace('ń', "n"));
        let entry = NewDirectoryEntry {
            name: name.to_string(),
            email: Some(email),
            phone: Some(format!("07700 900{:03}", 100 + i)),
            trained_in,
            vetting_expires: Some(today + Duration::days(days)),
            availability: Some(AVAILABILITY[rng.random_range(0..AVAILABILITY.len())].to_string()),
            ..Default::default()
        };
        tx.add_to_directory(DirectoryKind::Facilitator, &entry)?;
    }
    for (name, address, booking, rooms) in VENUES {
        let entry = NewDirectoryEntry {
            name: name.into(),
            address: Some(address.into()),
            booking_contact: Some(booking.into()),
            ..Default::default()
        };
        let venue = tx.add_to_directory(DirectoryKind::Venue, &entry)?;
        for (room, capacity, access, refreshments) in rooms {
            let accessibility = Some(access.to_string()).filter(|a| !a.is_empty());
            tx.add_room(
                venue,
                &NewRoom {
                    name: room.to_string(),
                    capacity: Some(*capacity),
                    accessibility,
                    refreshments: *refreshments,
                },
            )?;
        }
    }
    for (name, kind, team, mail) in AGENCIES {
        let entry = NewDirectoryEntry {
            name: name.into(),
            agency_kind: Some(kind),
            team: Some(team.to_string()).filter(|t| !t.is_empty()),
            email: Some(format!("{mail}@example.org")),
            ..Default::default()
        };
        tx.add_to_directory(DirectoryKind::Agency, &entry)?;
    }
    Ok(())
}
