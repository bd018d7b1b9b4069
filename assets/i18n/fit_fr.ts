<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name></name>
    <message>
        <source>Width sweep</source>
        <translation>Balayage</translation>
    </message>
    <message>
        <source>Width 5 vs depth</source>
        <translation>Largeur 5</translation>
    </message>
    <message>
        <source>Kolmogorov–Arnold</source>
        <translation>Kolmogorov-Arnold</translation>
    </message>
    <message>
        <source>a formula of x, e.g. x*sin(15*x) + 0.1</source>
        <translation>une formule de x, par exemple x*sin(15*x) + 0.1</translation>
    </message>
    <message>
        <source>Fit formula</source>
        <translation>Approximer</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>Dessiner</translation>
    </message>
    <message>
        <source>Drag on the plot to draw the target (the samples under the stroke follow it)</source>
        <translation>Faites glisser la souris sur le graphique pour dessiner la cible (les échantillons sous le trait le suivent)</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>Importer CSV…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter CSV…</translation>
    </message>
    <message>
        <source>Write the samples as x,y rows</source>
        <translation>Écrire les échantillons en lignes x,y</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Ajustement</translation>
    </message>
    <message>
        <source>Bumps</source>
        <translation>Bosses</translation>
    </message>
    <message>
        <source>Lipschitz</source>
        <translation>Lipschitz</translation>
    </message>
    <message>
        <source>Formula: {problem}</source>
        <translation>Formule : {problem}</translation>
    </message>
    <message>
        <source>Import x, y points</source>
        <translation>Importer des points x, y</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Export samples</source>
        <translation>Exporter les échantillons</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>Could not write {path}: {problem}</source>
        <translation>Impossible d&apos;écrire {path} : {problem}</translation>
    </message>
    <message>
        <source>Exported {count} samples to {path}</source>
        <translation>{count} échantillons exportés dans {path}</translation>
    </message>
    <message>
        <source>Export KA surfaces</source>
        <translation>Exporter les surfaces KA</translation>
    </message>
    <message>
        <source>Exported {count} grid points to {path}</source>
        <translation>{count} nœuds de la grille exportés dans {path}</translation>
    </message>
    <message>
        <source>&lt;b&gt;Epoch {epoch}&lt;/b&gt; · {engine}</source>
        <translation>&lt;b&gt;Époque {epoch}&lt;/b&gt; · {engine}</translation>
    </message>
    <message>
        <source> · {rate} steps/s</source>
        <translation> · {rate} pas/s</translation>
    </message>
    <message>
        <source>MSE &lt;b style=&apos;color:{mse_color}&apos;&gt;{mse}&lt;/b&gt; · sup error &lt;b style=&apos;color:{sup_color}&apos;&gt;{sup}&lt;/b&gt;</source>
        <translation>MSE &lt;b style=&apos;color:{mse_color}&apos;&gt;{mse}&lt;/b&gt; · erreur uniforme &lt;b style=&apos;color:{sup_color}&apos;&gt;{sup}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Network: {depth} × {units} {activation}, linear output</source>
        <translation>Réseau : {depth} × {units} {activation}, sortie linéaire</translation>
    </message>
    <message>
        <source>formula {formula}</source>
        <translation>formule {formula}</translation>
    </message>
    <message>
        <source>drawn</source>
        <translation>dessinée</translation>
    </message>
    <message>
        <source>imported points</source>
        <translation>données importées</translation>
    </message>
    <message>
        <source>Target: {target}, {count} samples</source>
        <translation>Cible : {target}, {count} échantillons</translation>
    </message>
    <message>
        <source>&lt;i&gt;A jump: no continuous network gets the sup error below ½.&lt;/i&gt;</source>
        <translation>&lt;i&gt;Un saut : aucun réseau continu ne fait descendre l&apos;erreur uniforme sous ½.&lt;/i&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;{job}: {percent}&lt;/b&gt; ({progress})</source>
        <translation>&lt;b&gt;{job} : {percent}&lt;/b&gt; ({progress})</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>échantillons</translation>
    </message>
    <message>
        <source>target</source>
        <translation>cible</translation>
    </message>
    <message>
        <source>network</source>
        <translation>réseau</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>époque</translation>
    </message>
    <message>
        <source>error (log)</source>
        <translation>erreur (log)</translation>
    </message>
    <message>
        <source>MSE on the samples; sup-norm error |f − network| on a grid of 1001 points</source>
        <translation>MSE sur les échantillons ; erreur en norme uniforme |f − réseau| sur une grille de 1001 valeurs de x</translation>
    </message>
    <message>
        <source>sup error</source>
        <translation>erreur uniforme</translation>
    </message>
    <message>
        <source>Cybenko&apos;s sum is drawn for one hidden layer; this network has {count}.</source>
        <translation>La somme de Cybenko se dessine pour une seule couche cachée ; ce réseau en a {count}.</translation>
    </message>
    <message>
        <source>{count} units (the first {drawn} of {count} drawn). Bold: their sum + output bias {bias} = the network. Hover a curve: one unit.</source>
        <translation>{count} neurones (les {drawn} premiers sur {count} dessinés). En gras : leur somme + le biais de sortie {bias} = le réseau. Survolez une courbe : un neurone.</translation>
    </message>
    <message>
        <source>{count} units. Bold: their sum + output bias {bias} = the network. Hover a curve: one unit.</source>
        <translation>{count} neurones. En gras : leur somme + le biais de sortie {bias} = le réseau. Survolez une courbe : un neurone.</translation>
    </message>
    <message>
        <source>Unit {unit}: α = {alpha}, w = {w}, b = {b}  (its step or knee is at x = {knee})</source>
        <translation>Neurone {unit} : α = {alpha}, w = {w}, b = {b}  (sa marche ou son coude est en x = {knee})</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>à l&apos;arrêt</translation>
    </message>
    <message>
        <source>{percent}: {progress}</source>
        <translation>{percent} : {progress}</translation>
    </message>
    <message>
        <source>{percent}: {progress} (paused)</source>
        <translation>{percent} : {progress} (en pause)</translation>
    </message>
    <message>
        <source>Run width sweep</source>
        <translation>Lancer le balayage</translation>
    </message>
    <message>
        <source>width N (log)</source>
        <translation>largeur N (log)</translation>
    </message>
    <message>
        <source>final error (log)</source>
        <translation>erreur finale (log)</translation>
    </message>
    <message>
        <source>{activation}: {error}</source>
        <translation>{activation} : {error}</translation>
    </message>
    <message>
        <source>Fit heights</source>
        <translation>Ajuster les hauteurs</translation>
    </message>
    <message>
        <source>Solve the heights by least squares on the samples</source>
        <translation>Calculer les hauteurs par moindres carrés sur les échantillons</translation>
    </message>
    <message>
        <source>Train a network of this width</source>
        <translation>Entraîner 2N neurones</translation>
    </message>
    <message>
        <source>One hidden layer of 2N units of the same kind, trained on the same samples</source>
        <translation>Une couche cachée de 2N neurones du même type, entraînée sur les mêmes échantillons</translation>
    </message>
    <message>
        <source>bumps (hand-built)</source>
        <translation>bosses (construites à la main)</translation>
    </message>
    <message>
        <source>trained network</source>
        <translation>réseau entraîné</translation>
    </message>
    <message>
        <source>heights (drag)</source>
        <translation>hauteurs (à faire glisser)</translation>
    </message>
    <message>
        <source>the trained network ({shape} {activation}, epoch {epoch}): MSE {mse}, sup {sup}</source>
        <translation>le réseau entraîné ({shape} {activation}, époque {epoch}) : MSE {mse}, sup {sup}</translation>
    </message>
    <message>
        <source>the trained network ({shape} {activation}, epoch {epoch}): MSE {mse}, sup {sup} (not 2N = {units} {unit} units: press Train a network of this width)</source>
        <translation>le réseau entraîné ({shape} {activation}, époque {epoch}) : MSE {mse}, sup {sup} (pas 2N = {units} neurones {unit} : appuyez sur « Entraîner 2N neurones »)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Bumps&lt;/b&gt; ({bins} bins, {units} {unit} units): MSE {mse}, sup error {sup}</source>
        <translation>&lt;b&gt;Bosses&lt;/b&gt; ({bins} intervalles, {units} neurones {unit}) : MSE {mse}, erreur uniforme {sup}</translation>
    </message>
    <message>
        <source>Show the answer</source>
        <translation>Montrer la réponse</translation>
    </message>
    <message>
        <source>f, L-Lipschitz</source>
        <translation>f, L-Lipschitz</translation>
    </message>
    <message>
        <source>constant per bin</source>
        <translation>constante par intervalle</translation>
    </message>
    <message>
        <source>dimension n</source>
        <translation>dimension n</translation>
    </message>
    <message>
        <source>bins</source>
        <translation>intervalles</translation>
    </message>
    <message>
        <source>bins (⌈L/2ε⌉)ⁿ</source>
        <translation>cases (⌈L/2ε⌉)ⁿ</translation>
    </message>
    <message>
        <source>Hide the answer</source>
        <translation>Cacher la réponse</translation>
    </message>
    <message>
        <source>L = {L}, ε = {eps}: bins of width 2ε/L = {width}, &lt;b&gt;⌈L/(2ε)⌉ = {bins}&lt;/b&gt; bins on [0, 1]; measured worst error {worst} ≤ ε. In n = {dims} dimensions: &lt;b&gt;{cubes}&lt;/b&gt; bins.</source>
        <translation>L = {L}, ε = {eps} : intervalles de largeur 2ε/L = {width}, &lt;b&gt;⌈L/(2ε)⌉ = {bins}&lt;/b&gt; intervalles sur [0, 1] ; pire erreur mesurée {worst} ≤ ε. En dimension n = {dims} : &lt;b&gt;{cubes}&lt;/b&gt; cases.</translation>
    </message>
    <message>
        <source>Run width 5 against depth</source>
        <translation>Lancer la comparaison</translation>
    </message>
    <message>
        <source>hidden units 5·d (d = depth of the narrow network)</source>
        <translation>neurones cachés 5·d (d = profondeur du réseau étroit)</translation>
    </message>
    <message>
        <source>final MSE (log)</source>
        <translation>MSE finale (log)</translation>
    </message>
    <message>
        <source>width 5, depth d (ReLU)</source>
        <translation>largeur 5, profondeur d (ReLU)</translation>
    </message>
    <message>
        <source>1 hidden layer, 5·d units (ReLU)</source>
        <translation>1 couche cachée, 5·d neurones (ReLU)</translation>
    </message>
    <message>
        <source>Fit Kolmogorov–Arnold</source>
        <translation>Ajuster Kolmogorov-Arnold</translation>
    </message>
    <message>
        <source>Export surfaces CSV…</source>
        <translation>Exporter les surfaces en CSV…</translation>
    </message>
    <message>
        <source>x₁, x₂, the target and the fitted value on the 40×40 grid</source>
        <translation>x₁, x₂, la cible et la valeur ajustée sur la grille 40×40</translation>
    </message>
    <message>
        <source>Target f(x₁, x₂)</source>
        <translation>Cible f(x₁, x₂)</translation>
    </message>
    <message>
        <source>Fitted Σ φᵢ(ψᵢ₁ + ψᵢ₂)</source>
        <translation>Ajustement Σ φᵢ(ψᵢ₁ + ψᵢ₂)</translation>
    </message>
    <message>
        <source>Inner ψᵢ₁ (solid), ψᵢ₂ (dashed)</source>
        <translation>Intérieures ψᵢ₁ (trait plein), ψᵢ₂ (tirets)</translation>
    </message>
    <message>
        <source>Outer functions φᵢ</source>
        <translation>Fonctions extérieures φᵢ</translation>
    </message>
    <message>
        <source>Colours: f from {low} (dark) to {high} (yellow). &lt;b&gt;MSE on the square: {mse}&lt;/b&gt; after {steps} Adam steps</source>
        <translation>Couleurs : f de {low} (sombre) à {high} (jaune). &lt;b&gt;MSE sur le carré : {mse}&lt;/b&gt; après {steps} pas d&apos;Adam</translation>
    </message>
    <message>
        <source>Colours: f from {low} (dark) to {high} (yellow). &lt;b&gt;MSE on the square: {mse}&lt;/b&gt; (untrained: press Fit)</source>
        <translation>Couleurs : f de {low} (sombre) à {high} (jaune). &lt;b&gt;MSE sur le carré : {mse}&lt;/b&gt; (pas encore entraîné : appuyez sur « Ajuster Kolmogorov-Arnold »)</translation>
    </message>
</context>
</TS>
