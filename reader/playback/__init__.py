"""Playback: read-aloud audio on its way to the speakers, and the clock of what is heard.

Not widget code. The player takes a plan of sentences, has the speech worker
synthesise them ahead, pushes the audio to one output, and turns the output's
count of audio played into "sentence 3, word 5" for the highlight.
"""
