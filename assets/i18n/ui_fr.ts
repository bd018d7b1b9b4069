<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name />
    <message>
        <source>1 epoch/s</source>
        <translation>1 époque/s</translation>
    </message>
    <message>
        <source>5 epochs/s</source>
        <translation>5 époques/s</translation>
    </message>
    <message>
        <source>20 epochs/s</source>
        <translation>20 époques/s</translation>
    </message>
    <message>
        <source>100 epochs/s</source>
        <translation>100 époques/s</translation>
    </message>
    <message>
        <source>500 epochs/s</source>
        <translation>500 époques/s</translation>
    </message>
    <message>
        <source>Full speed</source>
        <translation>Maximale</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>GPU CUDA</translation>
    </message>
    <message>
        <source>Apple MPS</source>
        <translation>Apple MPS</translation>
    </message>
    <message>
        <source>compiling the fast engine: Reset uses it once ready</source>
        <translation>compilation du moteur rapide en cours : Réinitialiser l'utilisera une fois prêt</translation>
    </message>
    <message>
        <source>Neural Playground experiment (*.npexp.json *.json)</source>
        <translation>Expérience Neural Playground (*.npexp.json *.json)</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>Lecture</translation>
    </message>
    <message>
        <source>Play / pause training (Space)</source>
        <translation>Lancer / suspendre l'entraînement (Espace)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Pas à pas</translation>
    </message>
    <message>
        <source>Train one epoch (Right arrow)</source>
        <translation>Entraîner une époque (flèche droite)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <source>One step back in a stepper (Left arrow)</source>
        <translation>Un pas en arrière dans une animation pas à pas (flèche gauche)</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Réinitialiser</translation>
    </message>
    <message>
        <source>New initial weights from the seed (R)</source>
        <translation>Nouveaux poids initiaux tirés de la graine (R)</translation>
    </message>
    <message>
        <source>Export figure…</source>
        <translation>Exporter la figure…</translation>
    </message>
    <message>
        <source>Record animation…</source>
        <translation>Enregistrer une animation…</translation>
    </message>
    <message>
        <source>Record a figure or the whole lab as GIF or MP4 (Ctrl+Shift+E)</source>
        <translation>Enregistrer une figure ou tout le labo en GIF ou MP4 (Ctrl+Maj+E)</translation>
    </message>
    <message>
        <source>Save experiment…</source>
        <translation>Enregistrer l'expérience…</translation>
    </message>
    <message>
        <source>Open experiment…</source>
        <translation>Ouvrir une expérience…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>Presentation mode</source>
        <translation>Mode présentation</translation>
    </message>
    <message>
        <source>Big fonts, thick lines, full screen (F5)</source>
        <translation>Grands caractères, traits épais, plein écran (F5)</translation>
    </message>
    <message>
        <source>Dark theme</source>
        <translation>Thème sombre</translation>
    </message>
    <message>
        <source>Lab list</source>
        <translation>Liste des labos</translation>
    </message>
    <message>
        <source>Show or hide the list of labs (Ctrl+L)</source>
        <translation>Afficher ou masquer la liste des labos (Ctrl+L)</translation>
    </message>
    <message>
        <source>Controls panel</source>
        <translation>Panneau des réglages</translation>
    </message>
    <message>
        <source>Show or hide the lab's controls (Ctrl+K)</source>
        <translation>Afficher ou masquer les réglages du labo (Ctrl+K)</translation>
    </message>
    <message>
        <source>About Neural Playground</source>
        <translation>À propos de Neural Playground</translation>
    </message>
    <message>
        <source>Compare configurations…</source>
        <translation>Comparer des configurations…</translation>
    </message>
    <message>
        <source>Two to four configurations of this lab side by side, trained in lockstep (Ctrl+Shift+C)</source>
        <translation>Deux à quatre configurations de ce labo côte à côte, entraînées au même rythme (Ctrl+Maj+C)</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Transport</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Vitesse</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Matériel</translation>
    </message>
    <message>
        <source>checking what torch sees…</source>
        <translation>vérification de ce que torch détecte…</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Presentation scale</source>
        <translation>Échelle de présentation</translation>
    </message>
    <message>
        <source>Present on</source>
        <translation>Présenter sur</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>&amp;Entraînement</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>A&amp;ide</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>référence</translation>
    </message>
    <message>
        <source>same as A</source>
        <translation>comme A</translation>
    </message>
    <message>
        <source>epoch {epoch}</source>
        <translation>époque {epoch}</translation>
    </message>
    <message>
        <source>loss {loss}</source>
        <translation>perte {loss}</translation>
    </message>
    <message>
        <source>Starting the training worker (loading torch)…</source>
        <translation>Démarrage du processus d'entraînement (chargement de torch)…</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Comparer</translation>
    </message>
    <message>
        <source>{lab} has nothing to train.</source>
        <translation>{lab} n'a rien à entraîner.</translation>
    </message>
    <message>
        <source>Compare configurations</source>
        <translation>Comparer des configurations</translation>
    </message>
    <message>
        <source>How many configurations side by side? Each keeps its own controls; one transport drives all.</source>
        <translation>Combien de configurations côte à côte ? Chacune garde ses réglages ; une seule barre de lecture les pilote toutes.</translation>
    </message>
    <message>
        <source>Leave comparison</source>
        <translation>Quitter la comparaison</translation>
    </message>
    <message>
        <source>Compare · {lab} · Neural Playground</source>
        <translation>Comparaison · {lab} · Neural Playground</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>{device} is available</source>
        <translation>{device} est disponible</translation>
    </message>
    <message>
        <source>The lab could not draw this frame ({error}); training was paused.</source>
        <translation>Le labo n'a pas pu dessiner cette image ({error}) ; l'entraînement est suspendu.</translation>
    </message>
    <message>
        <source>{rate} epochs/s · {fps} fps</source>
        <translation>{rate} époques/s · {fps} images/s</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>en pause</translation>
    </message>
    <message>
        <source>building the new run… {seconds} s</source>
        <translation>préparation du nouvel entraînement… {seconds} s</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>non installé</translation>
    </message>
    <message>
        <source>Worker ready (torch {version}).</source>
        <translation>Processus d'entraînement prêt (torch {version}).</translation>
    </message>
    <message>
        <source>Training stopped</source>
        <translation>Entraînement arrêté</translation>
    </message>
    <message>
        <source>Training diverged</source>
        <translation>L'entraînement a divergé</translation>
    </message>
    <message>
        <source>Worker restarted</source>
        <translation>Processus d'entraînement redémarré</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>Écran</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>Exporté : {path}</translation>
    </message>
    <message>
        <source>the figure went away during the recording: {error}</source>
        <translation>la figure a disparu pendant l'enregistrement : {error}</translation>
    </message>
    <message>
        <source>Whole lab panel</source>
        <translation>Panneau entier du lab</translation>
    </message>
    <message>
        <source>Record animation</source>
        <translation>Enregistrer une animation</translation>
    </message>
    <message>
        <source>frames/s</source>
        <translation>images/s</translation>
    </message>
    <message>
        <source>Start training when the recording starts</source>
        <translation>Lancer l'entraînement au début de l'enregistrement</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Figure</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>Largeur</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>Cadence</translation>
    </message>
    <message>
        <source>Length</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Fichier</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>{file}: choose a name ending in .gif or .mp4</source>
        <translation>{file} : choisissez un nom finissant par .gif ou .mp4</translation>
    </message>
    <message>
        <source>The file</source>
        <translation>Le fichier</translation>
    </message>
    <message>
        <source>this lab has no figure {figure!r}; it has {figures}</source>
        <translation>ce lab n'a pas de figure {figure!r} ; il a : {figures}</translation>
    </message>
    <message>
        <source>This lab has no figure {figure}.</source>
        <translation>Ce labo n'a pas de figure {figure}.</translation>
    </message>
    <message>
        <source>{path} cannot be recorded: {error}</source>
        <translation>Impossible d'enregistrer {path} : {error}</translation>
    </message>
    <message>
        <source>recording %v/%m frames</source>
        <translation>enregistrement %v/%m images</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>End the recording now and keep it</source>
        <translation>Terminer l'enregistrement maintenant et le garder</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Throw the recording away</source>
        <translation>Jeter l'enregistrement</translation>
    </message>
    <message>
        <source> ({skipped} frames skipped: the encoder was behind)</source>
        <translation> ({skipped} images sautées : l'encodeur était en retard)</translation>
    </message>
    <message>
        <source>Saved animation {path}</source>
        <translation>Animation enregistrée : {path}</translation>
    </message>
    <message>
        <source>{path} was not written: {error}</source>
        <translation>{path} n'a pas été écrit : {error}</translation>
    </message>
    <message>
        <source>Recording cancelled</source>
        <translation>Enregistrement annulé</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>Arrêter l'enregistrement</translation>
    </message>
    <message>
        <source>a comparison is kept as a lesson scene (View &gt; Lesson mode, Add current state), not as an experiment file; or save each configuration from its own lab</source>
        <translation>une comparaison se garde comme scène de leçon (Affichage &gt; Mode leçon, Ajouter l'état actuel), pas comme fichier d'expérience ; ou enregistrez chaque configuration depuis son propre labo</translation>
    </message>
    <message>
        <source>nothing to save yet: the lab has not shown a frame of its current settings</source>
        <translation>rien à enregistrer pour l'instant : le labo n'a pas encore affiché d'image avec ses réglages actuels</translation>
    </message>
    <message>
        <source>Save experiment</source>
        <translation>Enregistrer l'expérience</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>Enregistrement impossible</translation>
    </message>
    <message>
        <source>Saving {file}…</source>
        <translation>Enregistrement de {file}…</translation>
    </message>
    <message>
        <source>{path} was not saved: {error}</source>
        <translation>{path} n'a pas été enregistré : {error}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>Enregistré : {path}</translation>
    </message>
    <message>
        <source>Open experiment</source>
        <translation>Ouvrir une expérience</translation>
    </message>
    <message>
        <source>Neural Playground decks (*.npdeck.json *.json)</source>
        <translation>Séquences Neural Playground (*.npdeck.json *.json)</translation>
    </message>
    <message>
        <source>Lesson caption</source>
        <translation>Légende de la leçon</translation>
    </message>
    <message>
        <source>Lesson mode</source>
        <translation>Mode leçon</translation>
    </message>
    <message>
        <source>Step through a deck of scenes with Page Down / Page Up (Ctrl+Shift+L)</source>
        <translation>Parcourir une séquence de scènes avec Page suivante / Page précédente (Ctrl+Maj+L)</translation>
    </message>
    <message>
        <source>Lesson panel</source>
        <translation>Panneau de la leçon</translation>
    </message>
    <message>
        <source>Next scene</source>
        <translation>Scène suivante</translation>
    </message>
    <message>
        <source>Previous scene</source>
        <translation>Scène précédente</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>Leçon</translation>
    </message>
    <message>
        <source>Add current state</source>
        <translation>Ajouter l'état actuel</translation>
    </message>
    <message>
        <source>Save what is on screen as a scene after the current one</source>
        <translation>Garder ce qui est à l'écran comme une scène, après la scène actuelle</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Remove the selected scene</source>
        <translation>Supprimer la scène choisie</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Move the selected scene earlier</source>
        <translation>Avancer la scène choisie dans la séquence</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <source>Move the selected scene later</source>
        <translation>Reculer la scène choisie dans la séquence</translation>
    </message>
    <message>
        <source>Open deck…</source>
        <translation>Ouvrir une séquence…</translation>
    </message>
    <message>
        <source>Open a deck file</source>
        <translation>Ouvrir un fichier de séquence</translation>
    </message>
    <message>
        <source>Save deck…</source>
        <translation>Enregistrer la séquence…</translation>
    </message>
    <message>
        <source>Save this deck to a file</source>
        <translation>Enregistrer cette séquence dans un fichier</translation>
    </message>
    <message>
        <source>Whole lecture</source>
        <translation>Tout le cours</translation>
    </message>
    <message>
        <source>Every lab's scenes in the lecture's order</source>
        <translation>Les scènes de chaque lab, dans l'ordre du cours</translation>
    </message>
    <message>
        <source>Both languages</source>
        <translation>Les deux langues</translation>
    </message>
    <message>
        <source>Show each caption in French and in English (the app's language first)</source>
        <translation>Afficher chaque légende en français et en anglais (la langue de l'application d'abord)</translation>
    </message>
    <message>
        <source>{lab}, train to epoch {epoch} and pause</source>
        <translation>{lab}, entraîner jusqu'à l'époque {epoch} puis pause</translation>
    </message>
    <message>
        <source>the current state</source>
        <translation>l'état actuel</translation>
    </message>
    <message>
        <source>Add scene</source>
        <translation>Ajouter une scène</translation>
    </message>
    <message>
        <source>Caption for this scene:</source>
        <translation>Légende de cette scène :</translation>
    </message>
    <message>
        <source>Could not open the deck</source>
        <translation>Impossible d'ouvrir la séquence</translation>
    </message>
    <message>
        <source>The current deck is unchanged.</source>
        <translation>La séquence actuelle est inchangée.</translation>
    </message>
    <message>
        <source>Could not save the deck</source>
        <translation>Impossible d'enregistrer la séquence</translation>
    </message>
    <message>
        <source>Saved deck {path}</source>
        <translation>Séquence enregistrée : {path}</translation>
    </message>
    <message>
        <source>Open deck</source>
        <translation>Ouvrir une séquence</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Save deck</source>
        <translation>Enregistrer la séquence</translation>
    </message>
    <message>
        <source>Could not open the experiment</source>
        <translation>Impossible d'ouvrir l'expérience</translation>
    </message>
    <message>
        <source>{file} was not opened: {error}</source>
        <translation>{file} n'a pas été ouvert : {error}</translation>
    </message>
    <message>
        <source>Your current work is unchanged.</source>
        <translation>Votre travail en cours n'a pas changé.</translation>
    </message>
    <message>
        <source>Opened {path}</source>
        <translation>Ouvert : {path}</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Lecture de {file}…</translation>
    </message>
    <message>
        <source>(worker starting)</source>
        <translation>(démarrage du processus d'entraînement)</translation>
    </message>
    <message>
        <source>Interactive labs for the lecture &lt;i&gt;Introduction à l'apprentissage profond&lt;/i&gt;.</source>
        <translation>Des labos interactifs pour le cours &lt;i&gt;Introduction à l'apprentissage profond&lt;/i&gt;.</translation>
    </message>
    <message>
        <source>Devices: {devices}</source>
        <translation>Matériels : {devices}</translation>
    </message>
    <message>
        <source>Allowed: {allowed}</source>
        <translation>Valeurs permises : {allowed}</translation>
    </message>
    <message>
        <source>(applies live)</source>
        <translation>(s'applique en direct)</translation>
    </message>
    <message>
        <source>(changing it resets the model)</source>
        <translation>(le changer réinitialise le modèle)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>{reason}. Still using {value}.</source>
        <translation>{reason}. Toujours en vigueur : {value}.</translation>
    </message>
    <message>
        <source>refused: {reason}</source>
        <translation>refusé : {reason}</translation>
    </message>
    <message>
        <source>Unexpected error: {kind}: {error}</source>
        <translation>Erreur inattendue : {kind} : {error}</translation>
    </message>
    <message>
        <source>Neural Playground bench: lab '{lab}', {seconds:g} s at full speed, {cores} CPU cores</source>
        <translation>Banc d'essai Neural Playground : lab '{lab}', {seconds:g} s à pleine vitesse, {cores} cœurs de processeur</translation>
    </message>
    <message>
        <source>, {compare} configurations side by side</source>
        <translation>, {compare} configurations côte à côte</translation>
    </message>
    <message>
        <source>  launch to visible window:   {launch:.2f} s</source>
        <translation>  du lancement à la fenêtre visible :   {launch:.2f} s</translation>
    </message>
    <message>
        <source>  launch: the window did not report</source>
        <translation>  lancement : la fenêtre ne s'est pas signalée</translation>
    </message>
    <message>
        <source>  the worker sent no frame within 60 s</source>
        <translation>  le processus d'entraînement n'a envoyé aucune image en 60 s</translation>
    </message>
    <message>
        <source>  first frame from the worker: {t:.2f} s after the window (torch loads there)</source>
        <translation>  première image du processus d'entraînement : {t:.2f} s après la fenêtre (torch s'y charge)</translation>
    </message>
    <message>
        <source>  training in the worker:     {rate:,.0f} epochs/s ({engine}; {epoch:,} epochs in {seconds:g} s)</source>
        <translation>  entraînement dans le processus : {rate:,.0f} époques/s ({engine} ; {epoch:,} époques en {seconds:g} s)</translation>
    </message>
    <message>
        <source>  GUI timer tick (60 Hz):     median {tick_med:.1f} ms, worst {tick_worst:.1f} ms</source>
        <translation>  minuterie de l'interface (60 Hz) : médiane {tick_med:.1f} ms, pire {tick_worst:.1f} ms</translation>
    </message>
    <message>
        <source>  frames drawn:               {rate:.1f}/s, interval median {frame_med:.1f} ms, worst {frame_worst:.1f} ms</source>
        <translation>  images dessinées :           {rate:.1f}/s, intervalle médian {frame_med:.1f} ms, pire {frame_worst:.1f} ms</translation>
    </message>
    <message>
        <source>  drawing one frame:          median {draw_med:.1f} ms, worst {draw_worst:.1f} ms</source>
        <translation>  dessin d'une image :         médiane {draw_med:.1f} ms, pire {draw_worst:.1f} ms</translation>
    </message>
    <message>
        <source>  same session, no window:    {ceiling:,.0f} epochs/s (in this process)</source>
        <translation>  même session, sans fenêtre : {ceiling:,.0f} époques/s (dans ce processus)</translation>
    </message>
    <message>
        <source>  plain torch loop, same work: {reference:,.0f} epochs/s; the lab in the worker is {ratio:.2f}x that</source>
        <translation>  simple boucle torch, même travail : {reference:,.0f} époques/s ; le lab dans le processus fait {ratio:.2f} fois cela</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>Image PNG</translation>
    </message>
    <message>
        <source>SVG vector image</source>
        <translation>Image vectorielle SVG</translation>
    </message>
    <message>
        <source>CSV data (the curves' numbers)</source>
        <translation>Données CSV (les nombres des courbes)</translation>
    </message>
    <message>
        <source>the folder {folder} does not exist</source>
        <translation>le dossier {folder} n'existe pas</translation>
    </message>
    <message>
        <source>{path} is a folder, not a file</source>
        <translation>{path} est un dossier, pas un fichier</translation>
    </message>
    <message>
        <source>cannot write in {folder}: {reason}</source>
        <translation>impossible d'écrire dans {folder} : {reason}</translation>
    </message>
    <message>
        <source>nothing was written (is the figure empty?)</source>
        <translation>rien n'a été écrit (la figure est-elle vide ?)</translation>
    </message>
    <message>
        <source>cannot write {path}: permission denied</source>
        <translation>impossible d'écrire {path} : permission refusée</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>impossible d'écrire {path} : {reason}</translation>
    </message>
    <message>
        <source>width {width} px is out of range (16 to 16000)</source>
        <translation>la largeur {width} px est hors limites (16 à 16000)</translation>
    </message>
    <message>
        <source>nothing was drawn (is the figure empty?)</source>
        <translation>rien n'a été dessiné (la figure est-elle vide ?)</translation>
    </message>
    <message>
        <source>not enough memory for a {width} x {height} px image: choose a smaller width</source>
        <translation>pas assez de mémoire pour une image de {width} x {height} px : choisissez une largeur plus petite</translation>
    </message>
    <message>
        <source>Qt could not encode the PNG</source>
        <translation>Qt n'a pas pu encoder le PNG</translation>
    </message>
    <message>
        <source>unknown format '.{format}': use .png, .svg or .csv</source>
        <translation>format '.{format}' inconnu : utilisez .png, .svg ou .csv</translation>
    </message>
    <message>
        <source>the whole lab panel exports as PNG only</source>
        <translation>le panneau entier du lab ne s'exporte qu'en PNG</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Parcourir…</translation>
    </message>
    <message>
        <source>Export figure</source>
        <translation>Exporter la figure</translation>
    </message>
    <message>
        <source>Width (PNG)</source>
        <translation>Largeur (PNG)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l'export</translation>
    </message>
    <message>
        <source>Writing…</source>
        <translation>Écriture…</translation>
    </message>
    <message>
        <source>choose a file name</source>
        <translation>choisissez un nom de fichier</translation>
    </message>
    <message>
        <source>the training worker stopped while reading the file</source>
        <translation>le processus d'entraînement s'est arrêté pendant la lecture du fichier</translation>
    </message>
    <message>
        <source>the training worker stopped before writing the file</source>
        <translation>le processus d'entraînement s'est arrêté avant d'écrire le fichier</translation>
    </message>
    <message>
        <source>The training worker stopped unexpectedly (exit code {code}); it was restarted with the last weights shown. Press Play to continue.</source>
        <translation>Le processus d'entraînement s'est arrêté de façon inattendue (code de sortie {code}) ; il a été relancé avec les derniers poids affichés. Appuyez sur Lecture pour continuer.</translation>
    </message>
    <message>
        <source>The training worker stopped answering; it was restarted with the last weights shown.</source>
        <translation>Le processus d'entraînement ne répondait plus ; il a été relancé avec les derniers poids affichés.</translation>
    </message>
    <message>
        <source>The training worker could not be reached; it was restarted.</source>
        <translation>Le processus d'entraînement était injoignable ; il a été relancé.</translation>
    </message>
    <message>
        <source>Confusion matrix (test)</source>
        <translation>Matrice de confusion (test)</translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation>classe prédite</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>vraie classe</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <source>output</source>
        <translation>sortie</translation>
    </message>
    <message>
        <source>Output: predicted class</source>
        <translation>Sortie : classe prédite</translation>
    </message>
    <message>
        <source>Output (regression)</source>
        <translation>Sortie (régression)</translation>
    </message>
    <message>
        <source>random labels: nothing to learn</source>
        <translation>étiquettes aléatoires : rien à apprendre</translation>
    </message>
    <message>
        <source>→ epoch {epoch}</source>
        <translation>→ époque {epoch}</translation>
    </message>
    <message>
        <source>Timeline: drag back to an earlier epoch of this run; Play goes on from there</source>
        <translation>Chronologie : faites glisser vers une époque antérieure de cet entraînement ; Lecture repart de là</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Chronologie</translation>
    </message>
    <message>
        <source>Opening {lab}…</source>
        <translation>Ouverture de {lab}…</translation>
    </message>
</context>
</TS>