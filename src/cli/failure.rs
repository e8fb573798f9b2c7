//! Why a run failed, and so which exit code it gets; the error said in one
//! sentence.

/// Why a run failed, and so which exit code it gets.
pub enum Failure {
    /// Bad input or an unusable file: exit 2.
    Usage(anyhow::Error),
    /// A check that ran and found faults: exit 1.
    Faults,
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Usage(e)
    }
}

/// The error and its causes on one line, without repeating a cause that the
/// message already contains.
pub(super) fn one_sentence(e: &anyhow::Error) -> String {
    let mut text = e.to_string();
    for cause in e.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text.push_str(": ");
            text.push_str(&cause);
        }
    }
    text
}

/// Bad input, in a sentence: exit 2.
pub(super) fn usage(message: String) -> Failure {
    Failure::Usage(anyhow::anyhow!(message))
}

impl From<crate::store::StoreError> for Failure {
    fn from(e: crate::store::StoreError) -> Self {
        Failure::Usage(e.into())
    }
}
