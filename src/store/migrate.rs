//! Numbered SQL migrations from `assets/migrations`, applied in order and
//! recorded in `PRAGMA user_version`. A shipped file is never edited: a change
//! to the schema is a new file at the end of `MIGRATIONS`.

use rusqlite::{params, Connection, Transaction};

use super::seal::SEALS_FROM_VERSION;
use super::seal_rows::seal_existing;
use super::StoreResult;
use crate::domain::rules::Rules;

const MIGRATIONS: &[&str] = &[
    include_str!("../../assets/migrations/0001_initial.sql"),
    include_str!("../../assets/migrations/0002_condition_breach_due.sql"),
    include_str!("../../assets/migrations/0003_sense_checked_on.sql"),
    include_str!("../../assets/migrations/0004_covering_indexes.sql"),
    include_str!("../../assets/migrations/0005_agreements_lists.sql"),
    include_str!("../../assets/migrations/0006_marks_and_report_indexes.sql"),
    include_str!("../../assets/migrations/0007_case_live_marks.sql"),
    include_str!("../../assets/migrations/0008_application_id.sql"),
    include_str!("../../assets/migrations/0009_row_seals.sql"),
    include_str!("../../assets/migrations/0010_audit_desk_day.sql"),
    include_str!("../../assets/migrations/0011_disposal_legal_checks.sql"),
    include_str!("../../assets/migrations/0012_case_endings.sql"),
    include_str!("../../assets/migrations/0013_backup_ledger.sql"),
    include_str!("../../assets/migrations/0014_directory_coordinators.sql"),
    include_str!("../../assets/migrations/0015_service_profile.sql"),
    include_str!("../../assets/migrations/0016_finalising.sql"),
    include_str!("../../assets/migrations/0017_timers_and_holidays.sql"),
    include_str!("../../assets/migrations/0018_search_as_spelt.sql"),
    include_str!("../../assets/migrations/0019_audit_day_entity.sql"),
    include_str!("../../assets/migrations/0020_disposal_condition_counts.sql"),
    include_str!("../../assets/migrations/0021_profile_payment.sql"),
    include_str!("../../assets/migrations/0022_desk_user.sql"),
    include_str!("../../assets/migrations/0023_checklist_versions.sql"),
    include_str!("../../assets/migrations/0024_at_risk_timer.sql"),
    include_str!("../../assets/migrations/0025_directory_people_and_places.sql"),
    include_str!("../../assets/migrations/0026_harmed_party_told_timer.sql"),
    include_str!("../../assets/migrations/0027_victims_code.sql"),
    include_str!("../../assets/migrations/0028_case_progress.sql"),
    include_str!("../../assets/migrations/0029_case_documents.sql"),
    include_str!("../../assets/migrations/0030_diary.sql"),
    include_str!("../../assets/migrations/0031_provider_returns_and_enquiries.sql"),
    include_str!("../../assets/migrations/0032_desk_settings.sql"),
    include_str!("../../assets/migrations/0033_meetings_and_minutes.sql"),
    include_str!("../../assets/migrations/0034_feedback_felt_safe.sql"),
    include_str!("../../assets/migrations/0035_follow_up_words_index.sql"),
    include_str!("../../assets/migrations/0036_caseload_index.sql"),
    include_str!("../../assets/migrations/0037_caseload_counts.sql"),
    include_str!("../../assets/migrations/0038_diary_week_index.sql"),
    include_str!("../../assets/migrations/0039_audit_day_op_index.sql"),
    include_str!("../../assets/migrations/0040_feedback_person.sql"),
    include_str!("../../assets/migrations/0041_meeting_attendee_person_index.sql"),
];

/// The value of `PRAGMA application_id` that marks a file as a casedesk desk
/// ("CSKD"), set by migration 0008 on every desk, new or upgraded.
pub const APPLICATION_ID: i64 = 0x4353_4B44;

/// The schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn schema_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

pub fn apply_all(tx: &Transaction<'_>) -> StoreResult<()> {
    let current = schema_version(tx)?;
    for (index, sql) in MIGRATIONS.iter().enumerate() {
        let version = index as i64 + 1;
        if version <= current {
            continue;
        }
        tx.execute_batch(sql)?;
        if version == 1 {
            seed_rules(tx)?;
        }
        // user_version cannot take a bound parameter.
        tx.execute_batch(&format!("PRAGMA user_version = {version}"))?;
    }
    if (1..SEALS_FROM_VERSION).contains(&current) {
        seal_existing(tx)?;
    }
    Ok(())
}

/// A new database starts with DOMAIN.md's figures; from then on the table is
/// the truth and may be edited.
fn seed_rules(tx: &Transaction<'_>) -> StoreResult<()> {
    let mut stmt =
        tx.prepare("INSERT INTO rule (id, key, value, unit, source, confidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    let defaults = Rules::defaults();
    let mut rules: Vec<_> = defaults.iter().collect();
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    for rule in rules {
        stmt.execute(params![
            rule.id,
            rule.id.to_lowercase(),
            rule.value,
            rule.unit,
            rule.source,
            rule.confidence.as_str()
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    use super::*;

    /// Each shipped migration's SHA-256 (line endings as LF). A desk already
    /// upgraded never runs a migration again, so an edited one would leave
    /// desks in the field with a schema no new desk has. A new migration
    /// adds its line here; an existing line never changes.
    const SHIPPED: &[&str] = &[
        "46b9ed518f3b4b1b01b58ef2b9c39e2e91574905121fef72deeb081f1c816e74",
        "25d45a9c213d9283675ff7dba993d8294f1e82ddb388672d57d5cf16da8dcc6b",
        "0d25e8c8df41ca2b63b542817423ad0b976ca11177c93e0bb47e8ef98897f3b5",
        "f1a9e6dd913d5ba4b8b77fcde81ac8481eaec0621d186777ba464b3d8f8eeacf",
        "0755322f134ce867a2b59113b1a855ad683eb459b91cd1ee2e52f7b95909a361",
        "f707d7083678f0e9d3e665275c848ca07663054ac23473043c32bc00f87a15d1",
        "f564feef780836734f2899882bd26d698b881c333791304cd4f15cf2ba8b29d3",
        "29ebb96666383cd4d63329bcd685891169ca51ec05ccc18bb29d0635e9b31e5b",
        "f631833431450d358c3f771aabdb557eebe51b9d856894f3698c2426aa43f7d9",
        "06c120d33e8ede864f227bb9077b82336565a146f32873f1be91343078d39c31",
        "ab9068733c849999853f872af218eff6a514820dca7c792407e66e5f2285382b",
        "f93675906953c09e411ae5a472d7557c31cabf93980b804498778208a5be3333",
        "6df379e8b1561f716f809e555c2505b143f5a0bcacd1902a1f1eb600579b23ce",
        "0508c5d310b568e95e5b7a474635d00e20663728e97d4356747441db25ea4f4f",
        "6f66670e80a14d9e0278b0309edf73e04ea808ddcbe1a950a9a7b18bf1892e40",
        "9361dbb5ee54d71ba4e652ba29a781cf6c01f775c269e7d94dfcc85abcccfb9c",
        "1e220c891a83b20de2a1a026c32643de37e60502532063bf3a628940c09a8287",
        "b74bd63ff24895082806fe3a0313320421ecb0fd799be7864ee8ac99b55c74fa",
        "741c4219b2ff75d3dfa3b0373ed2d83f2e67583b4ae602dcedf51c67ffa747ef",
        "d28885ce0e0a4682e180e2f4dfef955f67b354dc00cbc65bda136fb462d31a18",
        "f90e0e750f9d960d38ebd0605296a62c395a7557482a55ea4ee359c9461c5fa5",
        "7d53114723c537d4a4a06ca6e2c30d44040a7a919c7301a98ffe89034b54970b",
        "e2e3d5f3be5b51aee6ce3713f9af1bf9deb7b189d25203bd3dc03eee630558b0",
        "0a06222754aa079013ad8c5d927300292204bfedfed3e255062cb59c8decd24e",
        "0f58977c85ccb77baee05e3a45dab56c865a3070cfc2567cf9d977c8baa04fc7",
        "4401f69b9becffd03d5349893a0adde9e87a160bc7bff47a1c7958dbb85fca63",
        "8384153bc8a2942693b92164115fe0acec42f3711034dfff27aa52961356888b",
        "68271a7b806326c7c4b0d205b84f6ae02d659e8e1008d9ce68ea4b01f86e9367",
        "7d96ab1a6c88e9addf740b04e240899c8956313bc005783ce76594d65897aa3c",
        "d337b1c93cd54b083a56670e74e2138b29a0176dad9536763a780811fd3512b1",
        "f1bea45dd37c359bd2f2ac8570443cd0e74221dab916123f70f529458d533627",
        "9e2a52ae12727ef6cd060dea6db773ad1c048dfd4238d300b243c1456674f41e",
        "0f9ece614623e112ff7d65893695309bb7f9e20c66324eca4b1bf7e49f18b6bf",
        "9c75a0fac1cbe8c854f4896a6211531dca5c4ce45d02ca55f75b757611cec8ed",
        "093e1fa4d60b168b30e9e091f498e4259943ea2ecf877918b2c5f5e8e9363c75",
        "4ee25455e63cbe2693d310d6af890d5316c360c188b32e2234f3ec2d22534890",
        "fdbf72b960a7e0ac839b89365485fc23661ecdc69e03467aa579f967211aa3f1",
        "4e88ad27afe516ff13c89e48371d40375e444d0e0eb5db0eda31723c797f82aa",
        "3bd8f179c07473f19731d0e8a083dd9656ed4a95bc5e3da054ee906b348df700",
        "2904463d99b94bf99bf6620c3058def13fe042d01c5be9b1f8e09c1e432af23b",
        "d6103f478c6a9d1c110a62beb85f461eb45f11437a1a28fc9b51882a71d38380",
    ];

    #[test]
    fn shipped_migrations_are_never_edited() {
        assert_eq!(MIGRATIONS.len(), SHIPPED.len(), "a new migration adds its hash to SHIPPED");
        for (index, (sql, pinned)) in MIGRATIONS.iter().zip(SHIPPED).enumerate() {
            let found = hex::encode(Sha256::digest(sql.replace("\r\n", "\n").as_bytes()));
            assert_eq!(
                &found,
                pinned,
                "migration {} was edited after it shipped: make the change a new file",
                index + 1
            );
        }
    }

    #[test]
    fn every_desk_is_marked_as_casedesk() {
        let mut conn = Connection::open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        apply_all(&tx).unwrap();
        tx.commit().unwrap();
        let id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).unwrap();
        assert_eq!(id, APPLICATION_ID);
    }
}
