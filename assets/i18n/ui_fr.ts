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
        <translation>Vitesse maximale</translation>
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
        <source>epoch {epoch}</source>
        <translation>époque {epoch}</translation>
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
        <source>not available</source>
        <translation>non disponible</translation>
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
        <source>Exported {path}</source>
        <translation>Exporté : {path}</translation>
    </message>
    <message>
        <source>Record animation</source>
        <translation>Enregistrer une animation</translation>
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
        <source>Saving {file}: waiting for the current weights…</source>
        <translation>Enregistrement de {file} : en attente des poids actuels…</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>Enregistrement impossible</translation>
    </message>
    <message>
        <source>{path} was not saved: another lab was opened meanwhile.</source>
        <translation>{path} n'a pas été enregistré : un autre labo a été ouvert entre-temps.</translation>
    </message>
    <message>
        <source>{path} was not saved: the training worker did not send the current weights in time. Try again in a moment.</source>
        <translation>{path} n'a pas été enregistré : le processus d'entraînement n'a pas envoyé les poids actuels à temps. Réessayez dans un instant.</translation>
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
        <source>All files (*)</source>
        <translation>Tous les fichiers (*)</translation>
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
</context>
</TS>