#![allow(dead_code)]

pub mod pdf;
