"""Operations built on an audit for checking edited editions: fingerprints
(``identity``), baselines, edition diffs and safe fixes."""
