"""Read-aloud without Qt: the speech engine, its worker process, WAV tools and export."""
