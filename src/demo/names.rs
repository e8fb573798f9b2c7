//! The invented vocabulary: names, streets of the fictional town of
//! Kelvington, officers, venues. Phone numbers are in Ofcom's drama ranges
//! and email addresses at example.org.

use crate::store::model::NewPerson;

pub(super) const GIVEN: &[&str] = &[
    "Amira", "Ben", "Chloe", "Dariusz", "Ebony", "Farhan", "Grace", "Hamza", "Isla", "Jamal", "Kasia", "Liam", "Mei",
    "Nathan", "Olu", "Priya", "Quinn", "Rhys", "Siobhan", "Tariq", "Una", "Viktor", "Wanjiru", "Xander", "Yasmin",
    "Zoltan", "Aisha", "Callum", "Deepa", "Eilidh", "Femi", "Gethin", "Hana", "Ioana", "Jack", "Keisha", "Lukas",
    "Maryam", "Niamh", "Oscar", "Precious", "Ryan", "Sana", "Tyler",
];

pub(super) const FAMILY: &[&str] = &[
    "Abbott",
    "Adeyemi",
    "Bhatt",
    "Brennan",
    "Carvalho",
    "Chowdhury",
    "Dlamini",
    "Doherty",
    "Evans",
    "Fenwick",
    "Gallagher",
    "Gill",
    "Haddad",
    "Hughes",
    "Ibrahim",
    "Jankowski",
    "Kaur",
    "Kelly",
    "Lindqvist",
    "Lowe",
    "Mahmood",
    "Marsh",
    "Nowak",
    "Nwosu",
    "O'Connell",
    "Okafor",
    "Patel",
    "Pritchard",
    "Quayle",
    "Rahman",
    "Rossi",
    "Sandhu",
    "Szabo",
    "Thorne",
    "Uddin",
    "Vasquez",
    "Walsh",
    "Whitfield",
    "Yilmaz",
    "Zielinski",
    "Mensah",
    "Popescu",
];

pub(super) const STREETS: &[&str] = &[
    "Larkspur Road",
    "Tannery Lane",
    "Quarry Hill",
    "Mill Race Close",
    "Ashdown Terrace",
    "Foundry Street",
    "Beacon Walk",
    "Kestrel Way",
    "Orchard Rise",
    "Canal Row",
    "Weavers Court",
    "Linnet Drive",
    "Pennant Avenue",
    "Saltings Road",
    "Hopfield Crescent",
    "Brindle Street",
    "Cobbler's Yard",
    "Fennel Grove",
    "Wharf Road",
    "Stonebridge Lane",
];

/// Districts of the invented town; KV is not a real postcode area.
pub(super) const AREAS: &[(&str, u8)] =
    &[("Northgate", 1), ("Riverside", 2), ("Eastfield", 3), ("Old Town", 4), ("Harbour End", 5), ("Westmoor", 6)];

pub(super) const LANGUAGES: &[&str] =
    &["Polish", "Romanian", "Urdu", "Punjabi", "Arabic", "Portuguese", "Somali", "Tigrinya"];

pub(super) const OFFICERS: &[&str] = &[
    "PC 1187 Hannah Osei",
    "PC 2417 Daniel Achterberg",
    "DC Marcus Lindqvist",
    "PCSO 6032 Ravi Chaudhry",
    "Sgt 904 Bethan Lloyd",
    "PC 3350 Kerry-Ann Baptiste",
    "DC Fiona McAllister",
    "PC 1762 Josef Horvath",
];

pub(super) const AUTHORISERS: &[&str] = &["Sgt 904 Bethan Lloyd", "Insp Joanna Brightwater", "Sgt 655 Adeel Qureshi"];

pub(super) const MANAGER: &str = "Helen Adebayo (RJ service manager)";

pub(super) const CO_FACILITATORS: &[&str] =
    &["Ruth Acheson (volunteer facilitator)", "Kwame Boateng (volunteer facilitator)", "Lena Fischer (volunteer)"];

pub(super) const VENUES: &[&str] = &[
    "Kelvington Community Centre, Room 2",
    "Eastfield Library meeting room",
    "Northgate Police Station, family room",
    "Riverside Methodist Hall, side room",
    "Kelvington Civic Offices, interview suite B",
];

pub(super) const REFRESHMENTS: &[&str] =
    &["tea, coffee and biscuits", "water and fruit", "tea and coffee (ordered)", "none"];

pub(super) fn full_name(p: &NewPerson) -> String {
    format!("{} {}", p.given_names, p.family_name)
}

/// "PC 1187 Hannah Osei" → "hannah.osei", for an invented email address.
pub(super) fn officer_handle(officer: &str) -> String {
    let words: Vec<&str> =
        officer.split_whitespace().filter(|w| w.chars().all(|c| c.is_alphabetic() || c == '-')).collect();
    let name: Vec<String> = words.iter().skip(1).map(|w| w.to_lowercase()).collect();
    if name.is_empty() {
        "desk".to_string()
    } else {
        name.join(".")
    }
}
