//! A small map kept as one sorted list: the tables of a front matter that live for the whole
//! build (a case's `cite` tables, a page's `[taxonomies]`).
//!
//! Those tables hold one to a dozen entries, and every content file has one to three of them.
//! A `BTreeMap` gives even a one-entry table a node of eleven slots (over 500 bytes); on a
//! 100,000-case site that was more than a hundred megabytes. This map is one allocation sized
//! to its entries, iterates in key order as a `BTreeMap` does, and reads and writes the same
//! TOML and JSON.

use std::borrow::Borrow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// Entries sorted by key, keys unique.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VecMap<K, V> {
    entries: Vec<(K, V)>,
}

impl<K, V> Default for VecMap<K, V> {
    fn default() -> Self {
        VecMap {
            entries: Vec::new(),
        }
    }
}

impl<K: Ord, V> VecMap<K, V> {
    /// The value of `key`, found by binary search.
    pub fn get<Q>(&self, key: &Q) -> Option<&V>
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.entries
            .binary_search_by(|(k, _)| k.borrow().cmp(key))
            .ok()
            .map(|i| &self.entries[i].1)
    }

    pub fn contains_key<Q>(&self, key: &Q) -> bool
    where
        K: Borrow<Q>,
        Q: Ord + ?Sized,
    {
        self.get(key).is_some()
    }
}

impl<K, V> VecMap<K, V> {
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut V> {
        self.entries.iter_mut().map(|(_, v)| v)
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for VecMap<K, V> {
    /// Sorted by key; of equal keys the last one wins, as when inserting into a `BTreeMap`.
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut entries: Vec<(K, V)> = iter.into_iter().collect();
        // Stable: equal keys keep their order, so the last of them is the one kept below.
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut unique: Vec<(K, V)> = Vec::with_capacity(entries.len());
        for entry in entries {
            match unique.last_mut() {
                Some(last) if last.0 == entry.0 => *last = entry,
                _ => unique.push(entry),
            }
        }
        unique.shrink_to_fit();
        VecMap { entries: unique }
    }
}

impl<'a, K, V> IntoIterator for &'a VecMap<K, V> {
    type Item = (&'a K, &'a V);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, (K, V)>, fn(&'a (K, V)) -> (&'a K, &'a V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<K: Serialize, V: Serialize> Serialize for VecMap<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (k, v) in &self.entries {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, K, V> Deserialize<'de> for VecMap<K, V>
where
    K: Deserialize<'de> + Ord,
    V: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<K, V>(PhantomData<(K, V)>);

        impl<'de, K, V> Visitor<'de> for MapVisitor<K, V>
        where
            K: Deserialize<'de> + Ord,
            V: Deserialize<'de>,
        {
            type Value = VecMap<K, V>;

            // As `BTreeMap` says it, so that messages about a wrong value read the same.
            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a map")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(access.size_hint().unwrap_or(0).min(64));
                while let Some(entry) = access.next_entry()? {
                    entries.push(entry);
                }
                Ok(entries.into_iter().collect())
            }
        }

        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn sorted_with_the_last_of_equal_keys() {
        let map: VecMap<String, u32> = [("b", 1), ("a", 2), ("b", 3)]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let entries: Vec<(&str, u32)> = map.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(entries, vec![("a", 2), ("b", 3)]);
        assert_eq!(map.get("b"), Some(&3));
        assert_eq!(map.get("c"), None);
        assert!(map.contains_key("a"));
        assert_eq!(map.len(), 2);
    }

    #[test]
    fn reads_and_writes_like_a_btree_map() {
        #[derive(serde::Deserialize)]
        struct Doc {
            t: VecMap<String, Vec<String>>,
            b: BTreeMap<String, Vec<String>>,
        }
        let text = "[t]\nzeta = [\"1\"]\nalpha = [\"2\", \"3\"]\nmid = []\n\
                    [b]\nzeta = [\"1\"]\nalpha = [\"2\", \"3\"]\nmid = []\n";
        let doc: Doc = toml::from_str(text).expect("valid TOML");
        assert_eq!(
            serde_json::to_string(&doc.t).expect("serializes"),
            serde_json::to_string(&doc.b).expect("serializes")
        );
        let keys: Vec<&String> = doc.t.keys().collect();
        assert_eq!(keys, doc.b.keys().collect::<Vec<_>>());
    }

    #[test]
    fn a_wrong_value_is_reported_as_for_a_btree_map() {
        #[derive(Debug, serde::Deserialize)]
        struct A {
            #[allow(dead_code)]
            t: VecMap<String, Vec<String>>,
        }
        #[derive(Debug, serde::Deserialize)]
        struct B {
            #[allow(dead_code)]
            t: BTreeMap<String, Vec<String>>,
        }
        for text in ["t = 3\n", "[t]\nx = 3\n", "t = [1]\n"] {
            let a = toml::from_str::<A>(text).expect_err("invalid");
            let b = toml::from_str::<B>(text).expect_err("invalid");
            assert_eq!(a.message(), b.message(), "{text}");
            assert_eq!(a.span(), b.span(), "{text}");
        }
    }
}
