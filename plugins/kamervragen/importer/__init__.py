"""The importer: real answer and question documents (.docx, .pdf, .txt) become notes.

`read` turns a file into text, `parse` finds the official facts and the numbered questions,
answers and footnotes in that text, `repair` mends words that PDF extraction glued together
(only with a Dutch word list, each repair reported), and `write` makes the note text and
never overwrites a note. Plain Python: nothing here imports MkDocs, and nothing goes online.
"""
