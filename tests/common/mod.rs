#![allow(dead_code)]

pub mod materials;
pub mod pdf;
