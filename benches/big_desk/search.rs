//! A search per word typed: the least of five runs.

use crate::clock::best_of_five;

pub fn run(path: &str) {
    let store = crate::open(path);
    for text in ["o", "ok", "oka", "okafor", "okafor j", "OOCD-2026-339", "CR/", "theft", "zzzz"] {
        let (n, best) = best_of_five(|| store.search(text, 200).unwrap().len());
        println!("{text:14} {n:4} hits {best:?}");
    }
}
