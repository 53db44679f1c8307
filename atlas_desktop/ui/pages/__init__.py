"""One module per page; each page is a QWidget built from an AppContext."""
