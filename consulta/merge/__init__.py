"""District kits, the merge of district files into a master, erasure and the receipt.

Qt-free. The desktop wizard calls ``plan_merge`` → (user resolves) → ``apply_merge`` →
``write_receipt``; see docs in each module.
"""
