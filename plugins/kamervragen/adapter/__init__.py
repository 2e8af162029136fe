"""Everything MkDocs: the plugin hands the core's Site to MkDocs; config, cross-links, page cache, output."""
