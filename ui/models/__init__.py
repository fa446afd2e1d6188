"""Qt item models over the store, each fed by change events so only the rows that changed update."""
